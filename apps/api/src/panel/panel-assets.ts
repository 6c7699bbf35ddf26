// Served from our own origin, like the home page's: the Content-Security-Policy forbids inline
// script and style, and the browser talks to no other origin (connect-src 'self').

export const panelStylesheet = `#fault-panel { border-top: 3px solid var(--accent, #0f766e); margin-top: 2rem; }
#fault-panel .scenarios { display: flex; flex-wrap: wrap; gap: 0.5rem; }
#fault-panel .scenarios button { min-width: 6rem; }
#fault-panel .scenarios button.clear { background: #52606d; }
#fault-panel .strip { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 0.5rem; }
#fault-panel .strip div { background: #f5f7fa; padding: 0.5rem; }
#fault-panel .strip dt { font-size: 0.8rem; color: #52606d; }
#fault-panel .strip dd { margin: 0; font-size: 1.2rem; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
#fault-panel .strip dd ul { margin: 0; padding-left: 1rem; font-size: 0.9rem; }
#fault-panel .bad { color: #b91c1c; font-weight: bold; }
#fault-panel .note { color: #52606d; font-size: 0.9rem; }
`;

export const panelScript = `"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("fault-panel");
  const form = document.getElementById("fault-panel-form");
  const result = document.getElementById("fault-panel-result");
  if (!panel || !form) return;
  const byId = (id) => document.getElementById(id);
  form.token.value = sessionStorage.getItem("fault-panel-token") || "";

  async function call(method, path, body, label) {
    if (!form.token.value) {
      result.textContent = "Enter the API token first (npm run demo prints it).";
      return;
    }
    sessionStorage.setItem("fault-panel-token", form.token.value);
    const headers = { authorization: "Bearer " + form.token.value };
    if (body) headers["content-type"] = "application/json";
    try {
      const response = await fetch(path, { method, headers, body });
      const data = await response.json();
      result.textContent = response.ok ? label : "Refused: " + data.error.message;
    } catch (error) {
      result.textContent = "The API did not answer: " + error.message;
    }
    refresh();
  }
  for (const button of form.querySelectorAll("button[data-path]")) {
    button.addEventListener("click", () =>
      call("PUT", button.dataset.path, button.dataset.body, button.name + " injected: watch the strip."),
    );
  }
  form.clear.addEventListener("click", () => call("DELETE", "/api/faults", undefined, "Every fault cleared."));

  const percent = (x) => (x * 100).toFixed(1) + " %";
  const show = (id, text, bad) => {
    const cell = byId(id);
    cell.replaceChildren(text);
    cell.classList.toggle("bad", Boolean(bad));
  };
  const note = (text) => {
    const span = document.createElement("span");
    span.className = "note";
    span.textContent = text;
    return span;
  };
  const list = (items) => {
    const ul = document.createElement("ul");
    for (const item of items) {
      const li = document.createElement("li");
      li.append(item);
      ul.append(li);
    }
    return ul;
  };

  function render(s) {
    show("panel-faults", s.faults.length ? s.faults.map((f) => f.type).join(", ") : "none", s.faults.length);
    const t = s.traffic;
    show("panel-rate", t ? t.requestsPerSecond.toFixed(1) + " req/s" : "…");
    show("panel-error-ratio", t && t.errorRatio !== null ? percent(t.errorRatio) : "…", t && t.errorRatio >= 0.01);
    show("panel-p99", t && t.p99Seconds !== null ? Math.round(t.p99Seconds * 1000) + " ms" : "…");
    const p = s.prometheus;
    if (!p) {
      show("panel-budget", note("needs PROMETHEUS_URL"));
      show("panel-alerts", note("needs PROMETHEUS_URL"));
    } else if (p.error) {
      show("panel-budget", note(p.error));
      show("panel-alerts", note("Prometheus did not answer"));
    } else {
      const budgets = p.errorBudgets.map((b) => b.slo + ": " + percent(b.remaining));
      show("panel-budget", budgets.length ? list(budgets) : note("no SLO recorded yet"), p.errorBudgets.some((b) => b.remaining <= 0));
      const alerts = p.alerts.map((a) => a.name + " (" + a.severity + ") " + a.state);
      show("panel-alerts", alerts.length ? list(alerts) : "none", p.alerts.some((a) => a.state === "firing"));
    }
    const box = byId("panel-notifications");
    const n = s.notifications;
    if (!n || n.error) {
      const li = document.createElement("li");
      li.append(note(n ? n.error : "No receiver configured (NOTIFICATIONS_URL); npm run demo sets it."));
      box.replaceChildren(li);
      return;
    }
    if (!n.items.length) {
      const li = document.createElement("li");
      li.append(note("None yet: Alertmanager's notifications appear here as they arrive."));
      box.replaceChildren(li);
      return;
    }
    box.replaceChildren(...n.items.map((item) => {
      const li = document.createElement("li");
      li.className = item.status;
      li.textContent = item.receivedAt.slice(11, 19) + " " + item.status.toUpperCase() + " " + item.alertname + " (" + item.severity + ") " + item.summary + " ";
      if (item.runbook) {
        const a = document.createElement("a");
        a.href = item.runbook;
        a.textContent = "runbook";
        li.append(a);
      }
      return li;
    }));
  }

  // One refresh at a time: a click asks for one now, unless one is already on its way.
  let timer;
  let running = false;
  async function refresh() {
    if (running) return;
    running = true;
    clearTimeout(timer);
    try {
      const response = await fetch("/api/panel/status", { cache: "no-store" });
      if (response.ok) render(await response.json());
    } catch {
      // the API is restarting: the next refresh will tell
    }
    running = false;
    timer = setTimeout(refresh, Number(panel.dataset.refreshMs) || 2000);
  }
  refresh();
});
`;
