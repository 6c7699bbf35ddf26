import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import type { Feature } from "./feature.js";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { checkDatabaseRole } from "./db/least-privilege.js";
import { migrateAsOwner } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { FaultInjector } from "./faults/fault-injector.js";
import type { Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import type { Lifecycle } from "./ops/readiness.js";
import { gracefulShutdown } from "./shutdown.js";

export interface RunningService {
  url: string;
  server: Server;
  db: Database;
  metrics: Metrics;
  faults: FaultInjector;
  /** Runs the drain sequence once; later calls return the same promise. */
  shutdown(signal: string): Promise<number>;
}

/** Opens the database, migrates, and listens. Nothing here calls process.exit: main.ts does. */
export async function startService(
  config: Config,
  logger: Logger,
  overrides: {
    db?: Database;
    /** Another application than ./feature.ts's (the generic tests' own). */
    application?: Parameters<typeof createApp>[1];
  } = {},
): Promise<RunningService> {
  const metrics = createMetrics(config.build);
  const db = overrides.db ?? (await openDatabase(config.database, logger, metrics));
  try {
    await checkDatabaseRole(db, config, logger);
    await migrateAsOwner(config.database, db, logger, metrics);
  } catch (error) {
    await db.close();
    throw error;
  }
  if (db.engine === "pglite") {
    logger.info(
      "using the embedded PGlite database (no DATABASE_URL): data is local to this process",
    );
  }

  const lifecycle: Lifecycle = { draining: false };
  const faults = new FaultInjector({ logger, metrics });
  const { app, feature } = createApp<Feature>(
    { config, logger, db, metrics, lifecycle, faults },
    overrides.application,
  );
  try {
    await feature.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const server = createServer(app);
  // Behind a load balancer whose idle timeout is 60 s, the server must keep sockets longer.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  logger.info({ url, database: db.engine, faultsEnabled: config.faultsEnabled }, "listening");

  let shuttingDown: Promise<number> | undefined;
  return {
    url,
    server,
    db,
    metrics,
    faults,
    shutdown: (signal) =>
      (shuttingDown ??= gracefulShutdown(
        {
          server,
          lifecycle,
          logger,
          delayMs: config.shutdown.delayMs,
          drainTimeoutMs: config.shutdown.drainTimeoutMs,
          release: async () => {
            faults.dispose();
            // The feature's pending writes go to the database before its pool closes.
            await feature.close();
            await db.close();
          },
        },
        signal,
      )),
  };
}
