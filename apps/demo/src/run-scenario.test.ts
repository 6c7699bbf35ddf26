import { createServer, type Server } from "node:http";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startApiProcess, type ApiProcess } from "@fil-rouge/api/process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "./run-scenario.js";
import { SCENARIOS } from "./scenarios.js";

let api: ApiProcess;
let prometheus: Server;
let prometheusUrl = "";
// A stand-in Prometheus that reports the alert firing from the third query on.
let queries = 0;
beforeAll(async () => {
  api = await startApiProcess();
  prometheus = createServer((_req, res) => {
    queries += 1;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        status: "success",
        data: {
          resultType: "vector",
          result: queries >= 3 ? [{ metric: {}, value: [0, "1"] }] : [],
        },
      }),
    );
  });
  await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`;
});
afterAll(async () => {
  prometheus.close();
  await api.stop();
});

const faultState = async () =>
  (await (
    await fetch(`${api.url}/api/faults`, { headers: { authorization: `Bearer ${api.token}` } })
  ).json()) as Record<string, unknown>;
const never = new Promise<void>(() => undefined);

describe.each(SCENARIOS.map((s) => [s.name, s] as const))("scenario %s", (_name, scenario) => {
  it("injects its fault, waits for its alert, then clears every fault", async () => {
    queries = 0;
    const lines: string[] = [];
    let seenDuring: Record<string, unknown> | undefined;
    await runScenario(scenario, {
      url: api.url,
      token: api.token,
      prometheus: prometheusUrl,
      holdSeconds: 30,
      pollMs: 20,
      interrupted: never,
      print: (line) => {
        lines.push(line);
        if (line.startsWith("waiting for")) void faultState().then((s) => (seenDuring = s));
      },
    });
    await expect.poll(() => seenDuring).toBeDefined();
    const active = Object.values(seenDuring ?? {}).filter((v) => v !== null);
    expect(active).toHaveLength(1);
    expect(lines.join("\n")).toContain(`${scenario.alert} is firing`);
    expect(lines.join("\n")).toContain(`docs/demo/${scenario.name}.md`);
    expect(await faultState()).toEqual({
      fault: null,
      readinessFailure: null,
      databaseOutage: null,
    });
  });
});

describe("npm run scenario", () => {
  it("without Prometheus, holds the fault until Ctrl-C, then clears it and exits 0", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(new URL("scenario.ts", import.meta.url)),
        "errors",
        "--url",
        api.url,
        "--prometheus",
        "http://127.0.0.1:9",
        "--hold",
        "120",
        "--poll-ms",
        "50",
      ],
      {
        env: { ...process.env, API_TOKEN: api.token },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toContain("keeping the fault");
    expect((await faultState()).fault).not.toBeNull();
    child.kill("SIGINT");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    expect(await faultState()).toEqual({
      fault: null,
      readinessFailure: null,
      databaseOutage: null,
    });
  });

  it("refuses an unknown scenario and names the valid ones", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("scenario.ts", import.meta.url)), "meteor"],
      {
        env: { ...process.env, API_TOKEN: "0123456789abcdef0123" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain("errors, latency, db-down, not-ready");
  });
});
