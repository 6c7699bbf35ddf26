// An application of the test harness's own, for the tests of the service's generic parts (faults,
// probes, metrics, OpenAPI, the fault panel): they must not depend on the sample application,
// which a fork replaces (docs/fork.md), so they run unchanged around any feature. A read that
// queries the database, a parameterised read, a write (token, rate limit, validation).
import { z } from "zod";
import { AppError } from "../../src/errors.js";
import type { Feature, FeatureDeps } from "../../src/feature.js";
import type { FaultScenario } from "../../src/faults/fault-scenario.js";
import { defineRoute } from "../../src/http/route-table.js";

export const PROBE_ROUTES = {
  list: "/api/items",
  one: "/api/items/:id",
} as const;

const Item = z.object({ id: z.string(), name: z.string() });

/** The probe, with what its tests reach into: the names its write accepted, in order. */
export interface ProbeFeature extends Feature {
  created: string[];
}

export function createProbeFeature({ db }: FeatureDeps): ProbeFeature {
  const created: string[] = [];
  return {
    created,
    info: { title: "Probe API", description: "The test harness's own application." },
    routes: [
      defineRoute({
        method: "get",
        path: PROBE_ROUTES.list,
        operationId: "listItems",
        summary: "Lists the items (a database round trip).",
        tags: ["items"],
        access: "public",
        responses: { 200: { description: "Items.", schema: z.object({ items: z.array(Item) }) } },
        async handler(_input, _req, res) {
          await db.query("items.list", "SELECT 1 AS one");
          res.json({ items: [{ id: "1", name: "first" }] });
        },
      }),
      defineRoute({
        method: "get",
        path: PROBE_ROUTES.one,
        operationId: "getItem",
        summary: "One item; only item 1 exists.",
        tags: ["items"],
        access: "public",
        params: z.object({ id: z.string().regex(/^\d{1,6}$/) }),
        responses: {
          200: { description: "The item.", schema: Item },
          404: { description: "None." },
        },
        handler({ params }, _req, res) {
          if (params.id !== "1") throw new AppError(404, "item_not_found", "No item has this id.");
          res.json({ id: "1", name: "first" });
        },
      }),
      defineRoute({
        method: "post",
        path: PROBE_ROUTES.list,
        operationId: "createItem",
        summary: "Creates an item (its name kept in memory only).",
        tags: ["items"],
        access: "write",
        body: z.object({ name: z.string().min(1).max(50) }),
        responses: { 201: { description: "Created.", schema: Item } },
        handler({ body }, _req, res) {
          created.push(body.name);
          res.status(201).json({ id: "2", name: body.name });
        },
      }),
    ],
    mountHome(app, { faults, panel }) {
      app.get("/", faults, (_req, res) => {
        res.type("html").send(`<!doctype html><title>Probe</title><h1>Probe</h1>${panel ?? ""}`);
      });
    },
    start: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** Fault scenarios on the probe's routes, for the fault panel's tests. */
export const PROBE_SCENARIOS: FaultScenario[] = [
  {
    name: "errors",
    title: "Half of the item reads fail",
    watch: ["the error ratio of /api/items climbs"],
    alert: "ProbeAvailabilityBudgetBurn",
    inject: { path: "/api/faults", body: { errorRate: 0.5 } },
    competency: "CP10",
  },
  {
    name: "latency",
    title: "One item answers slowly",
    watch: ["p99 of /api/items/:id jumps"],
    alert: "ProbeLatencyBudgetBurn",
    inject: { path: "/api/faults", body: { latencyMs: 300, routes: [PROBE_ROUTES.one] } },
    competency: "CP9",
  },
];

/** The probe as createApp and startService take another application. */
export const PROBE_APPLICATION = {
  createFeature: createProbeFeature,
  faultScenarios: PROBE_SCENARIOS,
};
