import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoad } from "./load-generator.js";
import { APP_TRAFFIC } from "./traffic/app-traffic.js";

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
});
afterAll(() => api.stop());

/** The API's own count of answered requests, by status class (2xx, 3xx, 4xx, 5xx). */
async function answeredByClass(): Promise<Map<string, number>> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const byClass = new Map<string, number>();
  for (const [, labels = "", count = "0"] of text.matchAll(
    /^http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm,
  )) {
    const status = /status_code="(\d)\d\d"/.exec(labels)?.[1];
    if (status) byClass.set(`${status}xx`, (byClass.get(`${status}xx`) ?? 0) + Number(count));
  }
  return byClass;
}

// Generic: whatever the application's traffic (traffic/app-traffic.ts), every operation it
// describes is sent, answered as it expects, and counted by the API's HTTP metrics.
describe("the load generator against a local API", () => {
  it("sends the whole mix, which the API answers as described, with no server error", async () => {
    const before = await answeredByClass();
    const lines: string[] = [];
    const load = await startLoad(
      {
        url: api.url,
        rps: 200,
        token: api.token,
        requests: 300,
        statusEvery: 60,
        // The cap has its own test (rate-scheduler.test.ts); here a slow CI machine must not
        // turn it into dropped requests.
        maxInFlight: 1000,
        seed: 1,
      },
      (line) => lines.push(line),
    );
    await load.finished;
    const after = await answeredByClass();
    const grown = (statusClass: string) =>
      (after.get(statusClass) ?? 0) - (before.get(statusClass) ?? 0);

    const { byOperation, totals } = load.stats;
    expect(load.scheduler.dropped).toBe(0);
    expect([...byOperation.values()].reduce((a, b) => a + b, 0)).toBe(300);
    for (const { name } of APP_TRAFFIC.operations)
      expect(byOperation.get(name), name).toBeGreaterThan(0);
    expect(totals.serverErrors).toBe(0);
    expect(totals.networkErrors).toBe(0);
    const provoked = APP_TRAFFIC.operations
      .filter((operation) => operation.expects === "client-error")
      .reduce((sum, { name }) => sum + (byOperation.get(name) ?? 0), 0);
    expect(totals.clientErrors).toBe(provoked);
    expect(lines[0]).toMatch(/^loadgen: 200 req\/s against http/);
    expect(lines.at(-1)).toMatch(/^done: rps=.* total=300$/);

    // The API counted them too (the seeding calls come on top).
    expect(grown("5xx")).toBe(0);
    expect(grown("4xx")).toBeGreaterThanOrEqual(totals.clientErrors);
    expect(grown("2xx") + grown("3xx")).toBeGreaterThanOrEqual(totals.ok);
  });

  it("without a token, sends only the operations that read", async () => {
    const load = await startLoad(
      { url: api.url, rps: 200, requests: 100, statusEvery: 60, maxInFlight: 1000, seed: 2 },
      () => undefined,
    );
    await load.finished;
    const writes = APP_TRAFFIC.operations.filter((operation) => operation.writes);
    for (const { name } of writes) expect(load.stats.byOperation.get(name), name).toBeUndefined();
    expect(load.stats.totals.serverErrors).toBe(0);
  });
});
