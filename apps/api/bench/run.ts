// `npm run bench -w apps/api`: req/s and latency of bare node:http, bare Express 5 and the full
// app, on /livez and on GET /:slug (PGlite, and PostgreSQL when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set). A measurement, not a test: it prints figures and never fails on them.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cpus } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (
  !Number.isInteger(duration) ||
  duration < 1 ||
  !Number.isInteger(connections) ||
  connections < 1
) {
  process.stderr.write("--duration and --connections take positive whole numbers\n");
  process.exit(2);
}
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Row {
  target: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function startTarget(kind: string): Promise<{ port: number; child: ChildProcess }> {
  const script = fileURLToPath(new URL("target-server.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, kind], {
    env: { ...process.env, ...(postgresUrl ? { BENCH_DATABASE_URL: postgresUrl } : {}) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^READY (\d+)$/.exec(line);
    if (match) return { port: Number(match[1]), child };
  }
  throw new Error(`target ${kind} exited before it was ready`);
}

async function measure(target: string, kind: string, path: string): Promise<Row> {
  const { port, child } = await startTarget(kind);
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await autocannon({ url, connections, duration: 2 }); // warm-up: JIT and connection pools
    const result = await autocannon({ url, connections, duration });
    return {
      target,
      path,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx - (path === "/bench" ? result.requests.total : 0),
    };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

const rows: Row[] = [];
const plan: [string, string, string][] = [
  ["node:http", "bare-http", "/livez"],
  ["express 5", "bare-express", "/livez"],
  ["full app (PGlite)", "full-pglite", "/livez"],
  ["full app (PGlite)", "full-pglite", "/bench"],
  ...(postgresUrl
    ? ([["full app (PostgreSQL)", "full-postgres", "/bench"]] as [string, string, string][])
    : []),
];
for (const [target, kind, path] of plan) {
  process.stderr.write(
    `measuring ${target} ${path} (${duration} s, ${connections} connections)...\n`,
  );
  rows.push(await measure(target, kind, path));
}

const express = rows.find((r) => r.target === "express 5");
const pad = (value: string | number, width: number) => String(value).padEnd(width);
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}; ${duration} s per row, ${connections} connections`,
  `${pad("target", 24)}${pad("route", 10)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 8)}vs express`,
  ...rows.map(
    (r) =>
      `${pad(r.target, 24)}${pad(r.path === "/bench" ? "/:slug" : r.path, 10)}${pad(r.rps, 10)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.errors, 8)}${express && r.path === "/livez" ? (r.rps / express.rps).toFixed(2) : "-"}`,
  ),
];
if (!postgresUrl)
  lines.push("(set BENCH_DATABASE_URL or TEST_DATABASE_URL to add GET /:slug on PostgreSQL)");
process.stdout.write(`${lines.join("\n")}\n`);
