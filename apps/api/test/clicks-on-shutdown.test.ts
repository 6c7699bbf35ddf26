import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.js";
import { createPgliteDatabase } from "../src/db/pglite.js";
import { createMetrics } from "../src/metrics.js";
import { startService } from "../src/server.js";
import { startMain } from "./support/main-process.js";
import { auth, testConfig } from "./support/test-config.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./support/test-database.js";

// The write-behind promise: every click a visitor got a redirect for is in the database after a
// SIGTERM, including those still in memory when it came. Real processes, real signals.
const VISITS = 1000;

let target: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  target = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "clicks-"));
  env =
    target.engine === "postgres" && target.url
      ? { DATABASE_URL: target.url, DATABASE_ALLOW_SUPERUSER: "true", FAULTS_ENABLED: "true" }
      : { DATA_DIR: dataDir, FAULTS_ENABLED: "true" };
});
afterAll(async () => {
  await target.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = { ...auth, "content-type": "application/json" };
const pendingClicks = async (url: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^shortlinks_clicks_pending (\d+)$/m.exec(text)?.[1]);
};

describe("click counts across a SIGTERM", () => {
  it(`${String(VISITS)} concurrent redirects then SIGTERM: exactly ${String(VISITS)} clicks after a restart`, async () => {
    const first = await startMain(env);
    const created = await fetch(`${first.url}/api/links`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ url: "https://example.org/counted", slug: "sigterm" }),
    });
    expect(created.status).toBe(201);
    // One visit reads the link into the cache; then the database is cut (demo fault), so every
    // flush fails and the clicks can only pile up in memory: the shutdown flush must write them.
    expect((await fetch(`${first.url}/sigterm`, { redirect: "manual" })).status).toBe(302);
    await fetch(`${first.url}/api/faults/database`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ unavailable: true }),
    });
    const statuses = await Promise.all(
      Array.from({ length: VISITS - 1 }, async () => {
        const res = await fetch(`${first.url}/sigterm`, { redirect: "manual" });
        await res.body?.cancel();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 302)).toHaveLength(VISITS - 1);
    expect(await pendingClicks(first.url)).toBeGreaterThanOrEqual(VISITS - 1);
    await fetch(`${first.url}/api/faults`, { method: "DELETE", headers: auth });
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.lines.some((l) => l.msg === "click counts could not be written before exit")).toBe(
      false,
    );

    const second = await startMain(env);
    try {
      const stored = (await (await fetch(`${second.url}/api/links/sigterm`)).json()) as {
        clicks: number;
      };
      expect(stored.clicks).toBe(VISITS);
    } finally {
      await second.stop("SIGTERM");
    }
  });
});

describe("the graceful shutdown", () => {
  it("writes the clicks still in memory before the database closes", async () => {
    // PGlite: a database in a folder, so it can be opened again once the service has closed it.
    const folder = join(dataDir, "in-process");
    const open = () =>
      target.engine === "postgres"
        ? target.open()
        : createPgliteDatabase(folder, silentLogger, createMetrics(testConfig().build));
    const inner = await open();
    // Click writes fail until the shutdown starts: whatever the interval did, the clicks are all
    // still pending when shutdown() is called, and only its final flush can write them.
    let clickWritesFail = true;
    const db: Database = {
      ...inner,
      engine: inner.engine,
      query(operation, text, values) {
        if (operation === "links.add_clicks" && clickWritesFail)
          return Promise.reject(new Error("connection terminated"));
        return inner.query(operation, text, values);
      },
    };
    const service = await startService(
      testConfig({ SHUTDOWN_DELAY_MS: "0", ...(env.DATABASE_URL ? env : {}) }),
      silentLogger,
      { db },
    );
    await fetch(`${service.url}/api/links`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ url: "https://example.org/drain", slug: "drained" }),
    });
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${service.url}/drained`, { redirect: "manual" });
      expect(res.status).toBe(302);
    }
    const stopping = service.shutdown("SIGTERM");
    clickWritesFail = false;
    expect(await stopping).toBe(0);

    const check = await open();
    try {
      const { rows } = await check.query<{ clicks: string | number }>(
        "test.clicks",
        "SELECT clicks FROM links WHERE slug = 'drained'",
      );
      expect(Number(rows[0]?.clicks)).toBe(25);
    } finally {
      await check.close();
    }
  });
});
