// The fault scenarios of the live demo, defined once beside the fault API they drive: the API's
// home page shows the same list as buttons (apps/api/src/fault-scenarios.ts).
export {
  FAULT_SCENARIOS as SCENARIOS,
  type FaultScenario as Scenario,
} from "@fil-rouge/api/fault-scenarios";
