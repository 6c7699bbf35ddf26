// The rehearsal's second application's traffic (docs/src/sample-app-rehearsal.test.ts), written
// against ./traffic.ts only, as a fork's own would be: reads and writes of notes, and a refused
// write.
import type { AppTraffic } from "./traffic.js";
import { expectStatus } from "./traffic.js";

export const APP_TRAFFIC: AppTraffic = {
  operations: [
    { name: "list", weight: 70, writes: false, expects: "success" },
    { name: "write", weight: 25, writes: true, expects: "success" },
    { name: "empty-note", weight: 5, writes: true, expects: "client-error" },
  ],
  steady: "list",
  session: (http) => ({
    async seed() {
      if (http.canWrite) await http.call("POST", "/api/notes", { body: "first note" });
    },
    async perform(operation) {
      switch (operation) {
        case "list":
          return (await http.call("GET", "/api/notes")).status;
        case "write":
          return (await http.call("POST", "/api/notes", { body: `note ${Date.now()}` })).status;
        case "empty-note":
          return (await http.call("POST", "/api/notes", { body: "" })).status;
        default:
          throw new Error(`unknown operation "${operation}"`);
      }
    },
    describe: () => "notes",
  }),
  async smoke(http, step) {
    expectStatus("POST /api/notes", await http.call("POST", "/api/notes", { body: "smoke" }), 201);
    step("POST /api/notes wrote a note");
    expectStatus("GET /api/notes", await http.call("GET", "/api/notes"), 200);
    step("GET /api/notes lists it");
  },
};
