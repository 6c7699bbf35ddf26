import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startService } from "../src/server.js";
import { auth, testConfig } from "./support/test-config.js";
import { startMain } from "./support/main-process.js";
import { PROBE_APPLICATION, PROBE_ROUTES } from "./support/probe-feature.js";
import { silentLogger } from "./support/test-database.js";

// In process, around the harness's own application; the real process (main.ts) around the one
// of src/feature.ts, whose routes the last two tests do not need.
const slowItem = async (base: string) => {
  await fetch(`${base}/api/faults`, {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ latencyMs: 1500, routes: [PROBE_ROUTES.one] }),
  });
};

describe("graceful shutdown", () => {
  it("fails readiness first, lets the in-flight request finish, refuses new connections, exits 0", async () => {
    const service = await startService(
      testConfig({
        FAULTS_ENABLED: "true",
        SHUTDOWN_DELAY_MS: "300",
        SHUTDOWN_DRAIN_TIMEOUT_MS: "10000",
      }),
      silentLogger,
      { application: PROBE_APPLICATION },
    );
    const base = service.url;
    await slowItem(base);
    const inFlight = fetch(`${base}/api/items/9`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request is now inside the app

    const exitCode = service.shutdown("SIGTERM");
    const readyDuringDelay = await fetch(`${base}/readyz`);
    expect(readyDuringDelay.status).toBe(503);
    expect(await readyDuringDelay.json()).toMatchObject({ reason: "draining" });

    await new Promise((resolve) => setTimeout(resolve, 500)); // past the delay: listener closed
    await expect(fetch(`${base}/livez`)).rejects.toThrow();

    const response = await inFlight;
    expect(response.status).toBe(404); // answered in full, not cut
    expect(await exitCode).toBe(0);
  });

  it("gives up at the drain deadline and reports failure", async () => {
    const service = await startService(
      testConfig({
        FAULTS_ENABLED: "true",
        SHUTDOWN_DELAY_MS: "0",
        SHUTDOWN_DRAIN_TIMEOUT_MS: "200",
      }),
      silentLogger,
      { application: PROBE_APPLICATION },
    );
    await slowItem(service.url);
    const inFlight = fetch(`${service.url}/api/items/9`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await service.shutdown("SIGTERM")).toBe(1);
    expect(await inFlight).toBeInstanceOf(Error);
  });

  it("on a real SIGTERM, the process logs each phase in order and exits 0", async () => {
    const api = await startMain();
    expect((await fetch(`${api.url}/livez`)).status).toBe(200);
    expect(await api.stop("SIGTERM")).toBe(0);
    const phases = api.lines.map((l) => l.msg ?? "").filter((m) => m.startsWith("shutdown"));
    expect(phases.map((m) => m.slice(0, 12))).toEqual([
      "shutdown 1/4",
      "shutdown 2/4",
      "shutdown 3/4",
      "shutdown 4/4",
    ]);
  });

  it("refuses to start with a bad configuration and names the variable", async () => {
    const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      env: { ...process.env, API_TOKEN: "short", PORT: "not-a-port" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain("API_TOKEN");
    expect(stderr).toContain("PORT");
  });
});
