import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_TRAFFIC } from "./app-traffic.js";
import { startSteadyTraffic } from "./steady-traffic.js";

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
});
afterAll(() => api.stop());

/** How many requests the API answered with `status`, over all routes (its HTTP metrics). */
async function answered(status: string): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  let total = 0;
  for (const [, count = "0"] of text.matchAll(
    new RegExp(
      `^http_request_duration_seconds_count\\{[^}]*status_code="${status}"[^}]*\\} (\\d+)$`,
      "gm",
    ),
  ))
    total += Number(count);
  return total;
}

describe("a scenario's steady background traffic", () => {
  it("repeats the steady operation, answered as a success, until stopped", async () => {
    const steady = APP_TRAFFIC.operations.find(
      (operation) => operation.name === APP_TRAFFIC.steady,
    );
    expect(steady, "the steady operation is one of the described operations").toMatchObject({
      writes: false,
      expects: "success",
    });
    const before = (await answered("2\\d\\d")) + (await answered("3\\d\\d"));
    const traffic = await startSteadyTraffic(api.url, api.token, 5);
    try {
      for (
        let i = 0;
        i < 200 && (await answered("2\\d\\d")) + (await answered("3\\d\\d")) < before + 50;
        i++
      )
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await traffic.stop();
    }
    expect((await answered("2\\d\\d")) + (await answered("3\\d\\d"))).toBeGreaterThanOrEqual(
      before + 50,
    );
    expect(await answered("5\\d\\d")).toBe(0);
  });
});
