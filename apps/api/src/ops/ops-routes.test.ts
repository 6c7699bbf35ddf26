import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProbeApp, type TestApp } from "../../test/support/app-harness.js";
import { PROBE_ROUTES } from "../../test/support/probe-feature.js";
import type { Feature } from "../feature.js";
import { toOpenApiPath } from "../http/openapi.js";

// Around the harness's own application (test/support/probe-feature.ts): the service's routes and
// behaviour, whatever the application. The sample's metrics and OpenAPI have their own tests
// (src/links/links-routes.test.ts).
let t: TestApp<Feature>;
beforeAll(async () => {
  t = await createProbeApp({
    APP_VERSION: "1.2.3",
    APP_COMMIT: "abc1234",
    APP_BUILD_DATE: "2026-11-28T00:00:00Z",
    FAULTS_ENABLED: "true",
    TRUST_PROXY_HOPS: "1",
  });
});
afterAll(() => t.close());

describe("probes", () => {
  it("/livez answers 200 without touching the database", async () => {
    await t.db.close();
    try {
      await request(t.app).get("/livez").expect(200, { status: "ok" });
      const ready = await request(t.app).get("/readyz");
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: "not_ready", reason: "database_unavailable" });
      expect((await request(t.app).get("/metrics")).text).toContain("app_ready 0");
    } finally {
      t = await createProbeApp({ FAULTS_ENABLED: "true", TRUST_PROXY_HOPS: "1" });
    }
  });

  it("/readyz answers 200 when the database answers, 503 while draining", async () => {
    await request(t.app).get("/readyz").expect(200, { status: "ready" });
    t.lifecycle.draining = true;
    const res = await request(t.app).get("/readyz");
    t.lifecycle.draining = false;
    expect(res.status).toBe(503);
    expect(res.body.reason).toBe("draining");
    expect(res.headers.connection).toBe("close");
  });
});

describe("/version and app_build_info", () => {
  it("shows the build information given at build time", async () => {
    const v = await createProbeApp({
      APP_VERSION: "1.2.3",
      APP_COMMIT: "abc1234",
      APP_BUILD_DATE: "2026-11-28T00:00:00Z",
    });
    try {
      const res = await request(v.app).get("/version");
      expect(res.body).toMatchObject({
        version: "1.2.3",
        commit: "abc1234",
        buildDate: "2026-11-28T00:00:00Z",
      });
      const metrics = await request(v.app).get("/metrics");
      expect(metrics.text).toContain('app_build_info{version="1.2.3",commit="abc1234"} 1');
    } finally {
      await v.close();
    }
  });
});

describe("/metrics", () => {
  it("exposes default, HTTP, database and fault metrics in Prometheus text format", async () => {
    await request(t.app).get(PROBE_ROUTES.list).expect(200);
    const res = await request(t.app).get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    for (const name of [
      "process_cpu_seconds_total",
      "nodejs_eventloop_lag_seconds",
      `http_request_duration_seconds_bucket{le="0.1",method="GET",route="${PROBE_ROUTES.list}",status_code="200"}`,
      "http_requests_in_flight",
      'db_query_duration_seconds_count{operation="items.list",outcome="success"}',
      'db_pool_connections{state="idle"}',
      "db_pool_waiting_requests",
      'demo_fault_active{type="errors"} 0',
      "app_ready 1",
      "nodejs_heap_size_limit_bytes",
    ]) {
      expect(res.text).toContain(name);
    }
  });
});

describe("/openapi.json", () => {
  it("describes every mounted API route, generated from the route schemas", async () => {
    const res = await request(t.app).get("/openapi.json");
    expect(res.body.openapi).toBe("3.1.0");
    const paths = res.body.paths as Record<string, Record<string, { operationId: string }>>;
    expect(Object.keys(paths).sort()).toEqual(
      [
        PROBE_ROUTES.list,
        PROBE_ROUTES.one,
        "/api/faults",
        "/api/faults/readiness",
        "/api/faults/database",
      ]
        .map(toOpenApiPath)
        .sort(),
    );
    expect(paths[PROBE_ROUTES.list]?.post?.operationId).toBe("createItem");
    expect(paths[toOpenApiPath(PROBE_ROUTES.one)]?.get?.operationId).toBe("getItem");
    expect(res.body.info.title).toBe("Probe API");
  });
});

describe("cross-cutting HTTP behaviour", () => {
  it("echoes a caller's X-Request-Id and generates one otherwise", async () => {
    const given = await request(t.app).get("/version").set("X-Request-Id", "trace-42");
    expect(given.headers["x-request-id"]).toBe("trace-42");
    const forged = await request(t.app).get("/version").set("X-Request-Id", "bad id with spaces");
    expect(forged.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends helmet's headers, a CSP on the home page, no X-Powered-By, HSTS only over TLS", async () => {
    const home = await request(t.app).get("/");
    expect(home.status).toBe(200);
    expect(home.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(home.headers["x-content-type-options"]).toBe("nosniff");
    expect(home.headers["x-powered-by"]).toBeUndefined();
    expect(home.headers["strict-transport-security"]).toBeUndefined();
    const tls = await request(t.app).get("/livez").set("X-Forwarded-Proto", "https");
    expect(tls.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  });

  it("answers unknown paths with a JSON 404 in the one error shape", async () => {
    const res = await request(t.app).get("/no/such/path");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: "not_found", message: expect.any(String) as string },
    });
  });

  it("answers a malformed percent-encoding with 400, not 500", async () => {
    const res = await request(t.app).get("/api/items/%E0%A4%A");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });
});
