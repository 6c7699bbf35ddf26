import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoad } from "./load-generator.js";

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
});
afterAll(() => api.stop());

const metric = (text: string, line: string) =>
  Number(new RegExp(`^${line.replace(/[{}"/:]/g, "\\$&")} (\\d+)`, "m").exec(text)?.[1] ?? 0);

describe("the load generator against a local API", () => {
  it("sends the whole mix, which the API counts, with no server error", async () => {
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

    const { byOperation, totals } = load.stats;
    expect(load.scheduler.dropped).toBe(0);
    expect([...byOperation.values()].reduce((a, b) => a + b, 0)).toBe(300);
    for (const op of ["redirect", "get-link", "list", "create", "not-found", "bad-input"])
      expect(byOperation.get(op), op).toBeGreaterThan(0);
    expect(totals.serverErrors).toBe(0);
    expect(totals.networkErrors).toBe(0);
    expect(totals.clientErrors).toBe(
      (byOperation.get("not-found") ?? 0) + (byOperation.get("bad-input") ?? 0),
    );
    expect(lines.at(-1)).toMatch(/^done: rps=.* total=300$/);

    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metric(metrics, 'shortlinks_redirects_total{result="found"}')).toBe(
      byOperation.get("redirect"),
    );
    expect(metric(metrics, "shortlinks_links_created_total")).toBeGreaterThanOrEqual(
      byOperation.get("create") ?? 0,
    );
  });
});
