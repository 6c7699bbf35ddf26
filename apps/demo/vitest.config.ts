import { workspaceConfig } from "../../vitest.shared.js";

// These tests start the API, the load generator and Prometheus as child processes.
export default workspaceConfig({ testTimeout: 90_000, hookTimeout: 90_000 });
