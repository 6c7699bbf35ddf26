import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app-harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const seriesCount = async () => {
  const metric = await t.metrics.httpRequestDuration.get();
  return new Set(metric.values.map((v) => JSON.stringify({ ...v.labels, le: undefined }))).size;
};

describe("HTTP metrics cardinality", () => {
  it("1,000 distinct unknown paths add no series beyond the route templates", async () => {
    await request(t.app).get("/warm/up/path");
    await request(t.app).get("/warm-up-slug");
    const before = await seriesCount();
    for (let i = 0; i < 500; i++) {
      await request(t.app).get(`/unknown/${i}/path`);
      await request(t.app).get(`/not-a-link-${i}`);
    }
    expect(await seriesCount()).toBe(before);
    const routes = new Set(
      (await t.metrics.httpRequestDuration.get()).values.map((v) => v.labels.route),
    );
    expect([...routes].sort()).toEqual(["/:slug", "unmatched"]);
  });
});
