import type { Express } from "express";
import { createApp } from "../../src/app.js";
import type { createFeature } from "../../src/feature.js";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createPgliteDatabase } from "../../src/db/pglite.js";
import { FaultInjector } from "../../src/faults/fault-injector.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import type { Lifecycle } from "../../src/ops/readiness.js";
import { testConfig } from "./test-config.js";
import { silentLogger } from "./test-database.js";

export interface TestApp {
  app: Express;
  db: Database;
  metrics: Metrics;
  faults: FaultInjector;
  lifecycle: Lifecycle;
  /** The app's feature (src/feature.ts), with what its own tests reach into (the sample's `store`). */
  feature: ReturnType<typeof createFeature>;
  close(): Promise<void>;
}

/** The real app on an in-memory PGlite (or a given database), for supertest. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    db?: Database;
    faultSleep?: (ms: number) => Promise<void>;
    random?: () => number;
  } = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const metrics = createMetrics(config.build);
  const db = options.db ?? (await createPgliteDatabase(undefined, silentLogger, metrics));
  await migrate(db, silentLogger);
  const lifecycle: Lifecycle = { draining: false };
  const faults = new FaultInjector({
    logger: silentLogger,
    metrics,
    ...(options.faultSleep ? { sleep: options.faultSleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const { app, feature } = createApp({
    config,
    logger: silentLogger,
    db,
    metrics,
    lifecycle,
    faults,
  });
  await feature.start();
  return {
    app,
    feature,
    db,
    metrics,
    faults,
    lifecycle,
    async close() {
      faults.dispose();
      await feature.close();
      if (!options.db) await db.close();
    },
  };
}
