import { z } from "zod";
import { defineRoute, type AnyRoute } from "../http/route-table.js";
import type { FaultInjector } from "./fault-injector.js";

const duration = z.number().int().min(1).max(3600).default(300);

export const FaultSpecBody = z
  .strictObject({
    errorRate: z.number().min(0).max(1).default(0),
    latencyMs: z.number().int().min(0).max(30_000).default(0),
    latencyJitterMs: z.number().int().min(0).max(30_000).default(0),
    routes: z
      .array(
        z
          .string()
          .regex(/^\/[A-Za-z0-9/:_.-]*$/)
          .max(200),
      )
      .max(20)
      .default([]),
    durationSeconds: duration,
  })
  .refine((spec) => spec.errorRate > 0 || spec.latencyMs + spec.latencyJitterMs > 0, {
    error: "set errorRate above 0 or some latency, or DELETE /api/faults to clear",
  })
  .meta({ id: "FaultSpec" });

export const ReadinessFaultBody = z
  .strictObject({ failing: z.boolean(), durationSeconds: duration })
  .meta({ id: "ReadinessFault" });

export const DatabaseFaultBody = z
  .strictObject({ unavailable: z.boolean(), durationSeconds: duration })
  .meta({ id: "DatabaseFault" });

const FaultStateSchema = z
  .object({
    fault: z
      .object({
        errorRate: z.number(),
        latencyMs: z.number(),
        latencyJitterMs: z.number(),
        routes: z.array(z.string()),
        expiresAt: z.iso.datetime(),
      })
      .nullable(),
    readinessFailure: z.object({ expiresAt: z.iso.datetime() }).nullable(),
    databaseOutage: z.object({ expiresAt: z.iso.datetime() }).nullable(),
  })
  .meta({ id: "FaultState" });

/** The fault API, mounted only when FAULTS_ENABLED=true; never subject to faults itself. */
export function faultRoutes(faults: FaultInjector): AnyRoute[] {
  const common = { tags: ["faults"], access: "write", faultable: false } as const;
  const stateResponse = { 200: { description: "Current faults.", schema: FaultStateSchema } };
  return [
    defineRoute({
      ...common,
      method: "get",
      path: "/api/faults",
      operationId: "getFaults",
      summary: "Show the active faults.",
      responses: stateResponse,
      handler(_input, _req, res) {
        res.json(faults.state());
      },
    }),
    defineRoute({
      ...common,
      method: "put",
      path: "/api/faults",
      operationId: "injectFault",
      summary: "Inject errors and/or latency, optionally on some routes, for a limited time.",
      body: FaultSpecBody,
      responses: stateResponse,
      handler({ body }, _req, res) {
        res.json(faults.inject(body));
      },
    }),
    defineRoute({
      ...common,
      method: "delete",
      path: "/api/faults",
      operationId: "clearFaults",
      summary: "Clear every fault, readiness included.",
      responses: stateResponse,
      handler(_input, _req, res) {
        res.json(faults.clearAll("cleared by API"));
      },
    }),
    defineRoute({
      ...common,
      method: "put",
      path: "/api/faults/readiness",
      operationId: "setReadinessFault",
      summary: "Make /readyz fail (or recover) for a limited time.",
      body: ReadinessFaultBody,
      responses: stateResponse,
      handler({ body }, _req, res) {
        if (body.failing) res.json(faults.failReadiness(body.durationSeconds));
        else {
          faults.restoreReadiness("cleared by API");
          res.json(faults.state());
        }
      },
    }),
    defineRoute({
      ...common,
      method: "put",
      path: "/api/faults/database",
      operationId: "setDatabaseFault",
      summary:
        "Make every database call fail as if it were unreachable (or recover), for a limited time.",
      body: DatabaseFaultBody,
      responses: stateResponse,
      handler({ body }, _req, res) {
        if (body.unavailable) res.json(faults.cutDatabase(body.durationSeconds));
        else {
          faults.restoreDatabase("cleared by API");
          res.json(faults.state());
        }
      },
    }),
  ];
}
