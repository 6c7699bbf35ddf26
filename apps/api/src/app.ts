import express, { type Express } from "express";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { FAULT_SCENARIOS, type FaultScenario } from "./fault-scenarios.js";
import { createFeature, type Feature, type FeatureDeps } from "./feature.js";
import { withDatabaseFault } from "./faults/database-fault.js";
import type { FaultInjector } from "./faults/fault-injector.js";
import { faultRoutes } from "./faults/fault-routes.js";
import { requireBearerToken } from "./http/auth.js";
import { errorHandler, notFound } from "./http/error-handler.js";
import { httpMetrics } from "./http/http-metrics.js";
import { buildOpenApiDocument } from "./http/openapi.js";
import { writeRateLimit } from "./http/rate-limit.js";
import { requestLogger } from "./http/request-logger.js";
import { mountRoutes } from "./http/route-table.js";
import { securityHeaders } from "./http/security-headers.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { mountOpsRoutes } from "./ops/ops-routes.js";
import { mountFaultPanel } from "./panel/panel-routes.js";
import type { Lifecycle } from "./ops/readiness.js";

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Database;
  metrics: Metrics;
  lifecycle: Lifecycle;
  faults: FaultInjector;
}

/**
 * Assembles the Express app; the order of the middleware below is the order a request meets.
 * Also returns the application's feature (./feature.ts), whose start() and close() belong to the
 * service's lifecycle.
 */
export function createApp<F extends Feature = ReturnType<typeof createFeature>>(
  deps: AppDeps,
  // Another application than ./feature.ts's, with its fault scenarios: the generic tests' own
  // (test/support/probe-feature.ts), so that they run around any application.
  application: {
    createFeature?: (deps: FeatureDeps) => F;
    faultScenarios?: FaultScenario[];
  } = {},
): {
  app: Express;
  feature: F;
} {
  const { config, metrics, lifecycle, faults } = deps;
  const db = withDatabaseFault(deps.db, faults);
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.http.trustProxyHops);
  app.set("query parser", "simple");
  // A SHA-1 ETag per JSON response costs ~10 % of throughput and no API client uses it.
  app.set("etag", false);

  app.use(requestLogger(deps.logger));
  app.use(httpMetrics(metrics));
  app.use(securityHeaders());
  app.use((_req, res, next) => {
    // While draining, ask keep-alive clients to reconnect elsewhere after this response.
    if (lifecycle.draining) res.setHeader("Connection", "close");
    next();
  });

  metrics.observePool(() => db.stats());
  // Without a factory, F is its default: the type of ./feature.ts's own.
  const create =
    application.createFeature ?? (createFeature as unknown as (deps: FeatureDeps) => F);
  const feature = create({ config, db, logger: deps.logger, registry: metrics.registry });
  const routes = [...(config.faultsEnabled ? faultRoutes(faults) : []), ...feature.routes];
  let openApi: unknown;
  mountOpsRoutes(app, {
    config,
    db,
    metrics,
    lifecycle,
    readinessFaulted: () => faults.isReadinessFailing(),
    openApiDocument: () =>
      (openApi ??= buildOpenApiDocument(routes, {
        ...feature.info,
        version: config.build.version,
      })),
  });
  const panel = config.faultsEnabled
    ? mountFaultPanel(app, {
        scenarios: application.faultScenarios ?? FAULT_SCENARIOS,
        histogram: metrics.httpRequestDuration,
        faults,
        ...config.panel,
      })
    : undefined;
  feature.mountHome(app, { faults: faults.middleware, panel });
  mountRoutes(app, routes, {
    faults: faults.middleware,
    rateLimit: writeRateLimit(config.http.writesPerMinute),
    auth: requireBearerToken(config.apiToken),
    bodyLimitBytes: config.http.bodyLimitBytes,
  });

  app.use(notFound);
  app.use(errorHandler);
  return { app, feature };
}
