import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { writeLocalPrometheusConfig } from "../../src/local-prometheus.js";

export interface PromResult {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * The project's own prometheus.yml and rules, with 1-second intervals and the API's address, on
 * a free port. Only the targets change: jobs and rules are the real ones.
 */
export async function startPrometheus(apiUrl: string) {
  const work = mkdtempSync(join(tmpdir(), "prometheus-e2e-"));
  const port = await freePort();
  writeLocalPrometheusConfig(join(work, "prometheus.yml"), {
    api: new URL(apiUrl).host,
    prometheus: `127.0.0.1:${port}`,
    interval: "1s",
  });

  const child: ChildProcess = spawn(
    "prometheus",
    [
      `--config.file=${join(work, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(work, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;

  async function query(expr: string): Promise<PromResult[]> {
    const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { result: PromResult[] };
    };
    if (body.status !== "success") throw new Error(`query failed: ${expr}\n${body.error ?? ""}`);
    return body.data?.result ?? [];
  }

  async function waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    seconds = 60,
  ): Promise<T> {
    for (let i = 0; i < seconds * 4; i++) {
      const value = await check().catch(() => undefined);
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}\n${stderr}`);
  }

  await waitFor("prometheus to answer", async () =>
    (await fetch(`${base}/-/ready`)).ok ? true : undefined,
  );
  return {
    query,
    waitFor,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
