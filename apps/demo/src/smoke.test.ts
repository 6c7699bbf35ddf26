import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { runSmokeTest, SmokeTestFailure } from "./smoke.js";

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL("smoke-main.ts", import.meta.url));
let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({ APP_COMMIT: "abc1234" });
});
afterAll(async () => {
  await api.stop();
});

describe("the smoke test", () => {
  // Generic: the application's own checks (apps/loadgen/src/traffic/app-traffic.ts) have their
  // tests beside them; here, whatever they are, they run after the service's and fail it.
  it("passes on a healthy service serving the expected commit, then runs the application's checks", async () => {
    const lines: string[] = [];
    await runSmokeTest({
      url: api.url,
      token: api.token,
      commit: "abc1234",
      readySeconds: 5,
      print: (l) => lines.push(l),
    });
    expect(lines[0]).toBe("ok  GET /readyz answers 200");
    expect(lines[1]).toContain("(abc1234)");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/^ok {2}\S/);
  });

  it("fails when the service runs another build than the one deployed", async () => {
    await expect(
      runSmokeTest({
        url: api.url,
        token: api.token,
        commit: "fffffff",
        readySeconds: 5,
        print: () => undefined,
      }),
    ).rejects.toThrow("serving commit abc1234, expected fffffff");
  });

  it("fails with the status and body when the token is refused", async () => {
    await expect(
      runSmokeTest({
        url: api.url,
        token: "wrong-token-0123456789",
        readySeconds: 5,
        print: () => undefined,
      }),
    ).rejects.toThrow(/: expected 2\d\d, got 401/);
  });

  it("reports an application check that fails as a smoke failure, with its message", async () => {
    const failing = {
      ...APP_TRAFFIC,
      smoke: () => Promise.reject(new Error("GET /thing: expected 200, got 500")),
    };
    const run = runSmokeTest({
      url: api.url,
      token: api.token,
      readySeconds: 5,
      print: () => undefined,
      traffic: failing,
    });
    await expect(run).rejects.toBeInstanceOf(SmokeTestFailure);
    await expect(run).rejects.toThrow("GET /thing: expected 200, got 500");
  });

  it("fails, naming the URL, when nothing answers", async () => {
    await expect(
      runSmokeTest({
        url: "http://127.0.0.1:9",
        token: api.token,
        readySeconds: 1,
        print: () => undefined,
      }),
    ).rejects.toThrow(/not ready: http:\/\/127\.0\.0\.1:9\/readyz did not answer within 1 s/);
  });

  it("runs from the command line, and refuses to start without a token", async () => {
    const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
    const ok = await run(process.execPath, [tsx, MAIN, "--url", api.url, "--ready-seconds", "5"], {
      env: { ...process.env, API_TOKEN: api.token },
    });
    expect(ok.stdout).toContain("smoke test passed");
    const withoutToken = { ...process.env };
    delete withoutToken.API_TOKEN;
    await expect(
      run(process.execPath, [tsx, MAIN, "--url", api.url], { env: withoutToken }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("API_TOKEN is not set"),
    });
  });
});
