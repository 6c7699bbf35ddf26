import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL("../../scripts/db/create-roles.sql", import.meta.url));

/**
 * Runs scripts/db/create-roles.sql as an administrator would (psql, for its variables): the
 * owner and application roles on `database`, through `adminUrl` (a URL to that database).
 */
export async function createRoles(
  adminUrl: string,
  names: { owner: string; app: string; database: string },
): Promise<void> {
  await run("psql", [
    adminUrl,
    "-q",
    "-v",
    `owner=${names.owner}`,
    "-v",
    `app=${names.app}`,
    "-v",
    `db=${names.database}`,
    "-f",
    SCRIPT,
  ]);
}
