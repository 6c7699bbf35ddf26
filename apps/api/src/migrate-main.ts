// Applies pending migrations and exits: the Kubernetes init container runs this before the API
// starts (k8s/base/deployment.yaml). The API would also migrate at start; running it first keeps
// schema changes out of the serving container's start-up and makes a failed migration visible as
// an init container error.
import { ConfigError, loadConfig } from "./config.js";
import { migrateAsOwner } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics.js";

try {
  const config = loadConfig();
  const logger = createLogger(config);
  const metrics = createMetrics(config.build);
  const db = await openDatabase(config.database, logger, metrics);
  try {
    await migrateAsOwner(config.database, db, logger, metrics);
  } finally {
    await db.close();
  }
} catch (error) {
  process.stderr.write(
    `migration failed: ${error instanceof ConfigError ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
