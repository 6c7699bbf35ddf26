import type { TestProject } from "vitest/node";
import { chooseTestDatabaseServer } from "./test-database-server.js";

/**
 * Picks the database server once for the whole run and prints which one:
 * TEST_DATABASE_URL, else a testcontainers PostgreSQL when Docker can run one, else PGlite.
 */
export default async function setup(project: TestProject) {
  const server = await chooseTestDatabaseServer();
  console.info(`[integration database] ${server.description}`);
  project.provide("testDatabaseAdminUrl", server.adminUrl ?? "");
  return server.stop;
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseAdminUrl: string;
  }
}
