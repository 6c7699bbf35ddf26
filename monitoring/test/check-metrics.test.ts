import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi } from "./support/api-process.js";
import { missing, onPath } from "./support/tools.js";

// prom-client's default metrics name three gauges *_total, which promtool's lint reserves for
// counters. They are prom-client's names, not ours: filtered out here, and only these three.
const PROM_CLIENT_GAUGES_NAMED_TOTAL = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

function checkMetrics(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("promtool", ["check", "metrics"]);
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => {
      resolve({ code, output });
    });
    child.stdin.end(text);
  });
}

let api: Awaited<ReturnType<typeof startApi>> | undefined;
beforeAll(async () => {
  if (onPath("promtool", "promtool check metrics on the API's /metrics")) api = await startApi();
});
afterAll(() => api?.stop());

describe("promtool check metrics on the API's /metrics", () => {
  it("finds no problem in the app's own metrics, and only prom-client's known ones overall", async (ctx) => {
    if (!api) {
      ctx.skip(missing("promtool", "prometheus"));
      return;
    }
    await fetch(`${api.url}/nowhere`); // so the HTTP histogram has series
    const text = await (await fetch(`${api.url}/metrics`)).text();

    const all = await checkMetrics(text);
    const flagged = [...all.output.matchAll(/^(\w+) /gm)].map((m) => m[1]);
    expect(new Set(flagged)).toEqual(new Set(PROM_CLIENT_GAUGES_NAMED_TOTAL));

    const ours = text
      .split("\n")
      .filter((line) => !PROM_CLIENT_GAUGES_NAMED_TOTAL.some((name) => line.includes(name)))
      .join("\n");
    const filtered = await checkMetrics(ours);
    expect(filtered.output).toBe("");
    expect(filtered.code).toBe(0);
  });
});
