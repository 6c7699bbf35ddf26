import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSmokeTest } from "./smoke.js";

const run = promisify(execFile);
const MAIN = fileURLToPath(new URL("smoke-main.ts", import.meta.url));
let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess({ APP_COMMIT: "abc1234" });
});
afterAll(async () => {
  await api.stop();
});

const linkCount = async () =>
  (
    (await (
      await fetch(`${api.url}/api/links`, { headers: { authorization: `Bearer ${api.token}` } })
    ).json()) as {
      items: unknown[];
    }
  ).items.length;

describe("the smoke test", () => {
  it("passes on a healthy service serving the expected commit, and leaves no link behind", async () => {
    const before = await linkCount();
    const lines: string[] = [];
    await runSmokeTest({
      url: api.url,
      token: api.token,
      commit: "abc1234",
      readySeconds: 5,
      print: (l) => lines.push(l),
    });
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain("(abc1234)");
    expect(lines[3]).toMatch(
      /^ok {2}GET \/smoke-[0-9a-f]{8} redirects to https:\/\/example\.org\/smoke\//,
    );
    expect(await linkCount()).toBe(before);
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
    ).rejects.toThrow(/POST \/api\/links: expected 201, got 401/);
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
