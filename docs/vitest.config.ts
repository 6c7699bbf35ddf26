// The shared configuration (../vitest.shared.ts), without the rehearsal's second app: its test
// runs inside the API of a copy (src/sample-app-rehearsal.test.ts), not here.
import { workspaceConfig } from "../vitest.shared.js";

export default workspaceConfig({ exclude: ["rehearsal/**"] });
