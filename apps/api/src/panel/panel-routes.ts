import type { Express } from "express";
import type { FaultScenario } from "../faults/fault-scenario.js";
import { panelScript, panelStylesheet } from "./panel-assets.js";
import { renderFaultPanel } from "./panel-page.js";
import { createPanelStatus, type PanelStatusDeps } from "./panel-status.js";

export const PANEL_STATUS_PATH = "/api/panel/status";

/**
 * The fault panel's status endpoint and assets, mounted only with FAULTS_ENABLED. Public reads,
 * like /metrics, and never subject to faults, so the strip keeps telling the truth during one;
 * the buttons call the fault API, which needs the token. Returns the home page's fragment.
 */
export function mountFaultPanel(
  app: Express,
  deps: PanelStatusDeps & { scenarios: FaultScenario[] },
): string {
  const status = createPanelStatus(deps);
  app.get(PANEL_STATUS_PATH, async (_req, res) => {
    res.set("Cache-Control", "no-store").json(await status.read());
  });
  app.get("/assets/panel.css", (_req, res) => {
    res.type("css").set("Cache-Control", "public, max-age=300").send(panelStylesheet);
  });
  app.get("/assets/panel.js", (_req, res) => {
    res.type("js").set("Cache-Control", "public, max-age=300").send(panelScript);
  });
  return renderFaultPanel(deps.scenarios);
}
