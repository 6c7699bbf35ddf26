import type { Express } from "express";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { Metrics } from "../metrics.js";
import { checkReadiness, type Lifecycle } from "./readiness.js";

export interface OpsDeps {
  config: Pick<Config, "build" | "readinessTimeoutMs">;
  db: Database;
  metrics: Metrics;
  lifecycle: Lifecycle;
  readinessFaulted: () => boolean;
  openApiDocument: () => unknown;
}

/**
 * Probes, metrics, version and the API description. Mounted before every other route and
 * never behind fault injection or rate limiting, so the platform always sees the truth.
 */
export function mountOpsRoutes(app: Express, deps: OpsDeps): void {
  const noStore = { "Cache-Control": "no-store" };

  // Liveness says only "the process serves HTTP": touching the database here would make the
  // platform restart healthy pods during a database outage.
  app.get("/livez", (_req, res) => {
    res.set(noStore).json({ status: "ok" });
  });

  const readiness = () =>
    checkReadiness({
      lifecycle: deps.lifecycle,
      db: deps.db,
      timeoutMs: deps.config.readinessTimeoutMs,
      readinessFaulted: deps.readinessFaulted,
    });
  deps.metrics.observeReadiness(async () => (await readiness()).ready);

  app.get("/readyz", async (_req, res) => {
    const result = await readiness();
    res.set(noStore);
    if (result.ready) res.json({ status: "ready" });
    else res.status(503).json({ status: "not_ready", reason: result.reason });
  });

  app.get("/metrics", async (_req, res) => {
    res
      .set(noStore)
      .type(deps.metrics.registry.contentType)
      .send(await deps.metrics.registry.metrics());
  });

  app.get("/version", (_req, res) => {
    const { version, commit, buildDate } = deps.config.build;
    res.set(noStore).json({ version, commit, buildDate, node: process.version });
  });

  app.get("/openapi.json", (_req, res) => {
    res.json(deps.openApiDocument());
  });
}
