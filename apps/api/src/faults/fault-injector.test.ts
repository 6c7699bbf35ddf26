import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/database.js";
import { createPgliteDatabase } from "../db/pglite.js";
import { createMetrics } from "../metrics.js";
import { silentLogger } from "../../test/support/test-database.js";
import { auth } from "../../test/support/test-config.js";
import { createProbeApp, type TestApp } from "../../test/support/app-harness.js";
import type { Feature } from "../feature.js";

// One embedded database for the file: each test builds a fresh app (and fault state) on it.
let db: Database;
beforeAll(async () => {
  db = await createPgliteDatabase(
    undefined,
    silentLogger,
    createMetrics({ version: "t", commit: "t", buildDate: "t" }),
  );
});
afterAll(() => db.close());

let t: TestApp<Feature> | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// A sleep that never ends: a request that meets injected latency hangs, and the test times out.
const hang = () => new Promise<void>(() => undefined);

describe("fault injection", () => {
  it("is not mounted unless FAULTS_ENABLED=true", async () => {
    t = await createProbeApp({}, { db });
    const res = await request(t.app).put("/api/faults").set(auth).send({ errorRate: 1 });
    expect(res.status).toBe(404);
  });

  it("needs the token", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    await request(t.app).put("/api/faults").send({ errorRate: 1 }).expect(401);
    await request(t.app).get("/api/faults").expect(401);
  });

  it("answers 500 fault_injected at the configured rate, then clears", async () => {
    const draws = [0, 0.1, 0, 0.9];
    t = await createProbeApp(
      { FAULTS_ENABLED: "true" },
      { db, random: () => draws.shift() ?? 0.9 },
    );
    const set = await request(t.app).put("/api/faults").set(auth).send({ errorRate: 0.5 });
    expect(set.status).toBe(200);
    expect(set.body.fault).toMatchObject({ errorRate: 0.5, routes: [] });
    // Each request draws twice (latency jitter, then the error coin): 0.1 < 0.5 fails, 0.9 passes.
    const first = await request(t.app).get("/api/items");
    expect(first.status).toBe(500);
    expect(first.body.error.code).toBe("fault_injected");
    const second = await request(t.app).get("/api/items");
    expect(second.status).toBe(200);
    await request(t.app).delete("/api/faults").set(auth).expect(200);
    await request(t.app).get("/api/items").expect(200);
  });

  it("applies only to the listed route templates", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ errorRate: 1, routes: ["/api/items/:id"] })
      .expect(200);
    expect((await request(t.app).get("/api/items/1")).status).toBe(500);
    expect((await request(t.app).get("/api/items")).status).toBe(200);
  });

  it("adds latency through the injected sleep, fixed plus jitter", async () => {
    const delays: number[] = [];
    t = await createProbeApp(
      { FAULTS_ENABLED: "true" },
      { db, random: () => 0.5, faultSleep: (ms) => (delays.push(ms), Promise.resolve()) },
    );
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ latencyMs: 300, latencyJitterMs: 200 })
      .expect(200);
    await request(t.app).get("/api/items").expect(200);
    expect(delays).toEqual([400]);
  });

  it("never touches probes, /metrics, /version or the fault API itself", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db, faultSleep: hang });
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ errorRate: 1, latencyMs: 5000 })
      .expect(200);
    await request(t.app).get("/livez").expect(200);
    await request(t.app).get("/readyz").expect(200);
    await request(t.app).get("/metrics").expect(200);
    await request(t.app).get("/version").expect(200);
    await request(t.app).get("/api/faults").set(auth).expect(200);
    await request(t.app).delete("/api/faults").set(auth).expect(200);
  });

  it("fails readiness on demand and shows every active fault in demo_fault_active", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ errorRate: 0.2, latencyMs: 10 })
      .expect(200);
    await request(t.app).put("/api/faults/readiness").set(auth).send({ failing: true }).expect(200);
    const ready = await request(t.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toBe("fault_injected");
    const metrics = (await request(t.app).get("/metrics")).text;
    for (const type of ["errors", "latency", "readiness"])
      expect(metrics).toContain(`demo_fault_active{type="${type}"} 1`);
    await request(t.app)
      .put("/api/faults/readiness")
      .set(auth)
      .send({ failing: false })
      .expect(200);
    await request(t.app).get("/readyz").expect(200);
  });

  it("cuts the database on demand: readiness and the API answer 503, probes stay up, then it recovers", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    await request(t.app)
      .put("/api/faults/database")
      .set(auth)
      .send({ unavailable: true })
      .expect(200);
    const ready = await request(t.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toBe("database_unavailable");
    const api = await request(t.app).get("/api/items");
    expect(api.status).toBe(503);
    expect(api.body.error.code).toBe("database_unavailable");
    await request(t.app).get("/livez").expect(200);
    expect((await request(t.app).get("/metrics")).text).toContain(
      'demo_fault_active{type="database"} 1',
    );
    await request(t.app)
      .put("/api/faults/database")
      .set(auth)
      .send({ unavailable: false })
      .expect(200);
    await request(t.app).get("/readyz").expect(200);
    await request(t.app).get("/api/items").expect(200);
  });

  it("reverts by itself after durationSeconds", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    const { vi } = await import("vitest");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      t.faults.inject({
        errorRate: 1,
        latencyMs: 0,
        latencyJitterMs: 0,
        routes: [],
        durationSeconds: 60,
      });
      t.faults.failReadiness(30);
      vi.advanceTimersByTime(30_000);
      expect(t.faults.state().readinessFailure).toBeNull();
      expect(t.faults.state().fault).not.toBeNull();
      vi.advanceTimersByTime(30_000);
      expect(t.faults.state().fault).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects a fault that does nothing and out-of-range values with 400", async () => {
    t = await createProbeApp({ FAULTS_ENABLED: "true" }, { db });
    for (const body of [
      {},
      { errorRate: 2 },
      { latencyMs: -1 },
      { errorRate: 0.5, durationSeconds: 0 },
      { errorRate: 0.5, bogus: 1 },
    ]) {
      const res = await request(t.app).put("/api/faults").set(auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
  });
});
