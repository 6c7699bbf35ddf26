import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Feature } from "../src/feature.js";
import { createProbeApp, type TestApp } from "./support/app-harness.js";
import { PROBE_ROUTES } from "./support/probe-feature.js";

// Around the harness's own application: a route with a parameter, and paths no route matches.
let t: TestApp<Feature>;
beforeAll(async () => {
  t = await createProbeApp();
});
afterAll(() => t.close());

const seriesCount = async () => {
  const metric = await t.metrics.httpRequestDuration.get();
  return new Set(metric.values.map((v) => JSON.stringify({ ...v.labels, le: undefined }))).size;
};

describe("HTTP metrics cardinality", () => {
  it("1,000 distinct unknown paths add no series beyond the route templates", async () => {
    await request(t.app).get("/warm/up/path");
    await request(t.app).get("/api/items/999999");
    const before = await seriesCount();
    for (let i = 0; i < 500; i++) {
      await request(t.app).get(`/unknown/${i}/path`);
      await request(t.app).get(`/api/items/${i + 2}`); // 404s, under the route's template
    }
    expect(await seriesCount()).toBe(before);
    const routes = new Set(
      (await t.metrics.httpRequestDuration.get()).values.map((v) => v.labels.route),
    );
    expect([...routes].sort()).toEqual([PROBE_ROUTES.one, "unmatched"]);
  });
});
