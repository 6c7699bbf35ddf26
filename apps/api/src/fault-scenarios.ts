// The application's fault scenarios, behind one name for the home page's fault panel (app.ts) and
// the demo's scenarios (apps/demo, which loads this file as source through the package export
// "./fault-scenarios": keep it to type-only and scenario imports, so the demo does not load the
// service). A fork points the export below at its own list (docs/fork.md).
export type { FaultScenario } from "./faults/fault-scenario.js";
export { LINKS_FAULT_SCENARIOS as FAULT_SCENARIOS } from "./links/fault-scenarios.js";
