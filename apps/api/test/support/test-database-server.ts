import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface TestDatabaseServer {
  /** URL of a role allowed to CREATE DATABASE; undefined means "use PGlite". */
  adminUrl: string | undefined;
  description: string;
  stop: () => Promise<void>;
}

const run = promisify(execFile);
const nothingToStop = () => Promise.resolve();

async function dockerAnswers(): Promise<boolean> {
  try {
    await run("docker", ["info"], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export async function chooseTestDatabaseServer(): Promise<TestDatabaseServer> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    const { hostname, port } = new URL(fromEnv);
    return {
      adminUrl: fromEnv,
      description: `PostgreSQL from TEST_DATABASE_URL (${hostname}:${port || 5432})`,
      stop: nothingToStop,
    };
  }
  if (await dockerAnswers()) {
    try {
      const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
      const container = await new PostgreSqlContainer("postgres:16-alpine").start();
      return {
        adminUrl: container.getConnectionUri(),
        description: `PostgreSQL in a testcontainers container (${container.getHost()}:${container.getPort()})`,
        stop: async () => {
          await container.stop();
        },
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      return {
        adminUrl: undefined,
        description: `PGlite (Docker answers but the postgres image is unavailable: ${reason})`,
        stop: nothingToStop,
      };
    }
  }
  return {
    adminUrl: undefined,
    description: "PGlite (no TEST_DATABASE_URL and no Docker engine)",
    stop: nothingToStop,
  };
}
