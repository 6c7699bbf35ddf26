import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBE_ROUTES } from "./support/probe-feature.js";
import { startProxiedService, type ProxiedService } from "./support/proxied-service.js";

// Cutting the network needs a PostgreSQL server behind a proxy; PGlite runs in process.
let proxied: ProxiedService | undefined;

beforeAll(async () => {
  proxied = await startProxiedService({
    DATABASE_CONNECT_TIMEOUT_MS: "500",
    READINESS_TIMEOUT_MS: "500",
  });
});
afterAll(() => proxied?.dispose());

describe("when the database goes away", () => {
  it("answers 503 on /readyz and the API, keeps /livez at 200, and recovers without restart", async (ctx) => {
    const { service, proxy } = proxied ?? {};
    if (!service || !proxy) {
      ctx.skip(
        "needs a PostgreSQL server (TEST_DATABASE_URL or Docker); PGlite cannot be cut away",
      );
      return;
    }
    const base = service.url;
    expect((await fetch(`${base}${PROBE_ROUTES.list}`)).status).toBe(200);

    proxy.cut();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "not_ready", reason: "database_unavailable" });
    const api = await fetch(`${base}${PROBE_ROUTES.list}`);
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("5");
    expect(await api.json()).toMatchObject({ error: { code: "database_unavailable" } });
    expect((await fetch(`${base}/livez`)).status).toBe(200);

    proxy.restore();
    await expect
      .poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 5000 })
      .toBe(200);
    const after = await fetch(`${base}${PROBE_ROUTES.list}`);
    expect(after.status).toBe(200);
  });
});
