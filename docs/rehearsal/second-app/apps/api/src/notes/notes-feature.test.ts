// The service's generic parts, exercised through the rehearsal's application instead of the
// sample's: routes from the table, validation, auth, OpenAPI, metrics, faults and readiness.
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/support/app-harness.js";
import { auth } from "../../test/support/test-config.js";

describe("the service around a second application", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ FAULTS_ENABLED: "true" });
  });
  afterEach(() => t.close());

  it("serves its routes from the table, with validation and the bearer token", async () => {
    await request(t.app).post("/api/notes").send({ body: "hello" }).expect(401);
    await request(t.app).post("/api/notes").set(auth).send({ body: "" }).expect(400);
    await request(t.app).post("/api/notes").set(auth).send({ body: "hello" }).expect(201);
    const list = await request(t.app).get("/api/notes").expect(200);
    expect(list.body).toEqual([{ id: expect.any(String), body: "hello" }]);
  });

  it("documents them in OpenAPI under the application's own title", async () => {
    const doc = await request(t.app).get("/openapi.json").expect(200);
    expect(doc.body.info.title).toBe("Notes API");
    expect(Object.keys(doc.body.paths)).toContain("/api/notes");
  });

  it("measures them by route template and counts their queries", async () => {
    await request(t.app).get("/api/notes").expect(200);
    const metrics = (await request(t.app).get("/metrics").expect(200)).text;
    expect(metrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/notes"/);
    expect(metrics).toContain('operation="notes.list",outcome="success"');
  });

  it("injects faults into them and stays ready, then not when told", async () => {
    await request(t.app)
      .put("/api/faults")
      .set(auth)
      .send({ errorRate: 1, routes: ["/api/notes"] })
      .expect(200);
    await request(t.app).get("/api/notes").expect(500);
    await request(t.app).get("/readyz").expect(200);
  });
});
