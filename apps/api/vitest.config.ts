import { workspaceConfig } from "../../vitest.shared.js";

export default workspaceConfig({
  // Integration tests share one database server; files run in parallel, tests inside a file in order.
  globalSetup: ["test/support/global-setup.ts"],
  testTimeout: 20_000,
});
