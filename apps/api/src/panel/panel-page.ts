import escapeHtml from "escape-html";
import type { FaultScenario } from "../faults/fault-scenario.js";

/** How long a fault from the panel lasts if nobody clears it (the API reverts it by itself). */
export const PANEL_FAULT_SECONDS = 600;

/** Strip refresh period: short enough to see a fault land, long enough to be no load at all. */
export const PANEL_REFRESH_MS = 2000;

const button = (s: FaultScenario) =>
  `<button type="button" name="${escapeHtml(s.name)}" data-path="${escapeHtml(s.inject.path)}" ` +
  `data-body="${escapeHtml(JSON.stringify({ ...s.inject.body, durationSeconds: PANEL_FAULT_SECONDS }))}" ` +
  `title="${escapeHtml(s.title)}">${escapeHtml(s.name)}</button>`;

const watch = (s: FaultScenario) =>
  `<dt>${escapeHtml(s.name)}: ${escapeHtml(s.title)}</dt>` +
  `<dd><ul>${s.watch.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}<li>alert: ${escapeHtml(s.alert)}</li></ul></dd>`;

const cell = (id: string, label: string) =>
  `<div><dt>${label}</dt><dd id="${id}" data-field>…</dd></div>`;

/**
 * The trainer's fault panel, a fragment of the home page: one button per scenario, "clear", and
 * the strip that /assets/panel.js fills from GET /api/panel/status. It knows scenarios, not what
 * they break: the list comes from the caller.
 */
export function renderFaultPanel(scenarios: FaultScenario[]): string {
  return `<section id="fault-panel" data-refresh-ms="${PANEL_REFRESH_MS}">
<link rel="stylesheet" href="/assets/panel.css">
<h2>Fault panel</h2>
<p>For trainers: enter the API token, inject a scenario, watch the strip. A fault reverts by itself after ${PANEL_FAULT_SECONDS / 60} minutes; "clear" removes every fault now.</p>
<form id="fault-panel-form">
<label>API token <input name="token" type="password" autocomplete="off"></label>
<div class="scenarios">${scenarios.map(button).join("")}<button type="button" name="clear" class="clear">clear</button></div>
</form>
<p id="fault-panel-result" aria-live="polite"></p>
<dl class="strip">
${cell("panel-faults", "Faults on")}
${cell("panel-rate", "Requests")}
${cell("panel-error-ratio", "Error ratio (5xx)")}
${cell("panel-p99", "Latency p99")}
${cell("panel-budget", "Error budget left")}
${cell("panel-alerts", "Alerts")}
</dl>
<h3>Notifications received</h3>
<ol id="panel-notifications"><li>…</li></ol>
<details><summary>What each scenario shows</summary><dl>${scenarios.map(watch).join("")}</dl></details>
<script src="/assets/panel.js" defer></script>
</section>`;
}
