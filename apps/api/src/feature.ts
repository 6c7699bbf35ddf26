// The seam between the service and its application. Everything generic (HTTP, probes, metrics,
// faults, the panel, shutdown, migrations) reaches the application through this interface only;
// a fork that brings its own application writes a feature like links/links-feature.ts and points
// the export below at it (docs/fork.md, "Replace the sample application").
import type { Express, RequestHandler } from "express";
import type { Registry } from "prom-client";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import type { AnyRoute } from "./http/route-table.js";
import type { Logger } from "./logger.js";

export { createLinksFeature as createFeature } from "./links/links-feature.js";
/** The application's settings: a zod schema over the environment, parsed with the service's. */
export { linksSettings as featureSettings } from "./links/links-settings.js";

export interface FeatureDeps {
  config: Config;
  /** The database as the routes use it (faults injected when on). */
  db: Database;
  logger: Logger;
  /** The app's registry: the feature registers its own series on it. */
  registry: Registry;
}

export interface Feature {
  /** How the OpenAPI document names the application. */
  info: { title: string; description: string };
  /** Its routes: validation, OpenAPI, auth, rate limiting and faults follow from the table. */
  routes: AnyRoute[];
  /** Mounts the home page; `panel` is the fault panel's HTML to include when faults are on. */
  mountHome(app: Express, deps: { faults: RequestHandler; panel: string | undefined }): void;
  /** After the migrations, before the first request. */
  start(): Promise<void>;
  /** During shutdown, before the database closes: pending writes go first. */
  close(): Promise<void>;
}
