import type { Express } from "express";
import { createApp } from "../../src/app.js";
import type { createFeature, Feature, FeatureDeps } from "../../src/feature.js";
import type { FaultScenario } from "../../src/faults/fault-scenario.js";
import type { Database } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createPgliteDatabase } from "../../src/db/pglite.js";
import { FaultInjector } from "../../src/faults/fault-injector.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import type { Lifecycle } from "../../src/ops/readiness.js";
import { PROBE_APPLICATION } from "./probe-feature.js";
import { testConfig } from "./test-config.js";
import { silentLogger } from "./test-database.js";

export interface TestApp<F extends Feature = ReturnType<typeof createFeature>> {
  app: Express;
  db: Database;
  metrics: Metrics;
  faults: FaultInjector;
  lifecycle: Lifecycle;
  /** The app's feature (src/feature.ts), with what its own tests reach into (the sample's `store`). */
  feature: F;
  close(): Promise<void>;
}

/** The real app on an in-memory PGlite (or a given database), for supertest. */
export interface TestAppOptions {
  db?: Database;
  faultSleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export function createTestApp(
  env?: Record<string, string>,
  options?: TestAppOptions,
): Promise<TestApp>;
export function createTestApp<F extends Feature>(
  env: Record<string, string>,
  options: TestAppOptions,
  application: { createFeature: (deps: FeatureDeps) => F; faultScenarios?: FaultScenario[] },
): Promise<TestApp<F>>;
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
  application: {
    createFeature?: (deps: FeatureDeps) => Feature;
    faultScenarios?: FaultScenario[];
  } = {},
): Promise<TestApp<Feature>> {
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
  const { app, feature } = createApp<Feature>(
    { config, logger: silentLogger, db, metrics, lifecycle, faults },
    application,
  );
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

/**
 * The real app around the harness's own application (probe-feature.ts) instead of the sample:
 * for the tests of the generic parts, which a fork keeps whatever its application.
 */
export const createProbeApp = (env: Record<string, string> = {}, options: TestAppOptions = {}) =>
  createTestApp(env, options, PROBE_APPLICATION);
