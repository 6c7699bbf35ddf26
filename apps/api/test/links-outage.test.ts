import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "./support/test-config.js";
import { startProxiedService, type ProxiedService } from "./support/proxied-service.js";

// The sample application while its database is cut away (the generic outage behaviour, probes
// and error shape, is in database-outage.test.ts).
let proxied: ProxiedService | undefined;
beforeAll(async () => {
  proxied = await startProxiedService(
    { DATABASE_CONNECT_TIMEOUT_MS: "500", READINESS_TIMEOUT_MS: "500" },
    {},
  );
});
afterAll(() => proxied?.dispose());

describe("the sample's links when the database goes away", () => {
  it("answers 503 for a link and its redirect, then serves both again without restart", async (ctx) => {
    const { service, proxy } = proxied ?? {};
    if (!service || !proxy)
      return ctx.skip("needs a PostgreSQL server (TEST_DATABASE_URL or Docker)");
    const base = service.url;
    const created = await fetch(`${base}/api/links`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ url: "https://example.org/outage", slug: "outage" }),
    });
    expect(created.status).toBe(201);

    proxy.cut();
    expect((await fetch(`${base}/api/links/outage`)).status).toBe(503);
    expect((await fetch(`${base}/outage`, { redirect: "manual" })).status).toBe(503);

    proxy.restore();
    await expect
      .poll(async () => (await fetch(`${base}/api/links/outage`)).status, { timeout: 5000 })
      .toBe(200);
    expect((await fetch(`${base}/outage`, { redirect: "manual" })).status).toBe(302);
  });
});
