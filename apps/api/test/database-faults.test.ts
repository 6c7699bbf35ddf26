import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../src/server.js";
import { startProxiedService, type ProxiedService } from "./support/proxied-service.js";
import { PROBE_ROUTES } from "./support/probe-feature.js";
import type { TcpProxy } from "./support/tcp-proxy.js";

// A slow database and connections dropped mid-query, through a TCP proxy in front of PostgreSQL.
let proxied: ProxiedService | undefined;
let service: RunningService | undefined;
let proxy: TcpProxy | undefined;

beforeAll(async () => {
  proxied = await startProxiedService({
    DATABASE_QUERY_TIMEOUT_MS: "300",
    DATABASE_CONNECT_TIMEOUT_MS: "500",
    READINESS_TIMEOUT_MS: "300",
    DATABASE_POOL_MAX: "4",
  });
  ({ service, proxy } = proxied);
  if (!service) return;
  expect((await fetch(`${service.url}${PROBE_ROUTES.list}`)).status).toBe(200);
});
afterAll(() => proxied?.dispose());

const poolActive = async (base: string) =>
  Number(
    /^db_pool_connections\{state="active"\} (\d+)/m.exec(
      await (await fetch(`${base}/metrics`)).text(),
    )?.[1],
  );
const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));

describe("when the database is slow or drops connections", () => {
  it("answers 504 database_timeout (or 503) past the query timeout, and the pool does not leak", async (ctx) => {
    if (!service || !proxy)
      return ctx.skip("needs a PostgreSQL server (TEST_DATABASE_URL or Docker)");
    proxy.latencyMs = 1500;
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => fetch(`${service?.url ?? ""}${PROBE_ROUTES.list}`)),
    );
    for (const response of responses) {
      expect([503, 504]).toContain(response.status);
      const body = (await response.json()) as { error: { code: string } };
      expect(["database_timeout", "database_unavailable"]).toContain(body.error.code);
    }
    expect((await fetch(`${service.url}/readyz`)).status).toBe(503);
    proxy.latencyMs = 0;
    await expect
      .poll(async () => (await fetch(`${service?.url ?? ""}${PROBE_ROUTES.list}`)).status, {
        timeout: 10_000,
      })
      .toBe(200);
    await expect.poll(() => poolActive(service?.url ?? ""), { timeout: 15_000 }).toBe(0);
  });

  it("survives connections dropped mid-query: no unhandled rejection, the next requests succeed", async (ctx) => {
    if (!service || !proxy)
      return ctx.skip("needs a PostgreSQL server (TEST_DATABASE_URL or Docker)");
    proxy.latencyMs = 200; // keep queries in flight long enough to be cut
    const inFlight = Array.from({ length: 8 }, () =>
      fetch(`${service?.url ?? ""}${PROBE_ROUTES.list}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    proxy.cut();
    proxy.restore();
    proxy.latencyMs = 0;
    for (const response of await Promise.all(inFlight))
      expect([200, 503, 504]).toContain(response.status);
    await expect
      .poll(async () => (await fetch(`${service?.url ?? ""}${PROBE_ROUTES.list}`)).status, {
        timeout: 10_000,
      })
      .toBe(200);
    expect(unhandled).toEqual([]);
  });
});
