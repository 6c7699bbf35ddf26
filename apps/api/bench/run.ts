// `npm run bench -w apps/api`: req/s and latency of the full app next to its bare counterparts:
// Express 5 on /livez; with PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL), Express 5 + pg
// on GET /api/links/:slug and a raw pg SELECT loop for GET /:slug. A measurement, not a test: it
// prints figures and never fails on them.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { cpus } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { prepareBenchDatabase, type BenchDatabase } from "./bench-database.js";

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
  /** The row this one is compared with (its bare counterpart). */
  baseline?: string;
}

let database: BenchDatabase | undefined;
const databaseEnv = (): Record<string, string> =>
  database ? { BENCH_DATABASE_URL: database.appUrl, BENCH_MIGRATION_URL: database.ownerUrl } : {};

async function startTarget(kind: string): Promise<{ port: number; child: ChildProcess }> {
  const script = fileURLToPath(new URL("target-server.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, kind], {
    env: { ...process.env, ...databaseEnv() },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^READY (\d+)$/.exec(line);
    if (match) return { port: Number(match[1]), child };
  }
  throw new Error(`target ${kind} exited before it was ready`);
}

async function measure(
  target: string,
  kind: string,
  path: string,
  baseline?: string,
): Promise<Row> {
  const { port, child } = await startTarget(kind);
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await autocannon({ url, connections, duration: 2 }); // warm-up: JIT and connection pools
    const result = await autocannon({ url, connections, duration });
    return {
      target,
      path: path === "/bench" ? "/:slug" : path.replace("/bench", "/:slug"),
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      // A redirect is a 3xx, which autocannon counts as non-2xx.
      errors: result.errors + (path === "/bench" ? 0 : result.non2xx),
      baseline,
    };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

/** The raw pg loop runs in its own process too: no HTTP, the database's own ceiling. */
async function measureRawSelect(): Promise<Row> {
  const script = fileURLToPath(new URL("raw-pg-loop.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, String(duration), String(connections)],
    { env: { ...process.env, ...databaseEnv() }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`the raw pg loop exited with ${String(code)}`);
  const result = JSON.parse(output) as { rps: number; p50: number; p99: number; errors: number };
  return { target: "raw pg loop", path: "SELECT url", ...result };
}

const rows: Row[] = [];
const plan: [string, string, string, string?][] = [
  ["node:http", "bare-http", "/livez", "express 5"],
  ["express 5", "bare-express", "/livez"],
  ["full app (PGlite)", "full-pglite", "/livez", "express 5"],
  ["full app (PGlite)", "full-pglite", "/bench"],
];
for (const [target, kind, path, baseline] of plan) {
  process.stderr.write(
    `measuring ${target} ${path} (${duration} s, ${connections} connections)...\n`,
  );
  rows.push(await measure(target, kind, path, baseline));
}
if (postgresUrl) {
  database = await prepareBenchDatabase(postgresUrl);
  process.stderr.write(`PostgreSQL: ${database.note}\n`);
  try {
    // The full app first: it migrates and creates the link the other rows read.
    const full = "full app (PostgreSQL)";
    process.stderr.write(`measuring ${full} on /api/links/:slug and /:slug...\n`);
    rows.push(await measure(full, "full-postgres", "/api/links/bench", "express 5 + pg"));
    rows.push(await measure(full, "full-postgres", "/bench", "raw pg loop"));
    process.stderr.write("measuring express 5 + pg and the raw pg loop...\n");
    rows.push(await measure("express 5 + pg", "bare-express-pg", "/api/links/bench"));
    rows.push(await measureRawSelect());
  } finally {
    await database.drop();
  }
}

const byTarget = (name: string, path?: string) =>
  rows.find((r) => r.target === name && (path === undefined || r.path === path));
const ratio = (row: Row) => {
  if (!row.baseline) return "-";
  const base = byTarget(row.baseline, row.baseline === "express 5" ? "/livez" : undefined);
  return base ? `${(row.rps / base.rps).toFixed(2)} × ${row.baseline}` : "-";
};
const pad = (value: string | number, width: number) => String(value).padEnd(width);
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, node ${process.version}; ${duration} s per row, ${connections} connections`,
  `${pad("target", 24)}${pad("route", 18)}${pad("req/s", 10)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("errors", 8)}ratio`,
  ...rows.map(
    (r) =>
      `${pad(r.target, 24)}${pad(r.path, 18)}${pad(r.rps, 10)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.errors, 8)}${ratio(r)}`,
  ),
];
if (!postgresUrl)
  lines.push("(set BENCH_DATABASE_URL or TEST_DATABASE_URL to add the PostgreSQL rows)");
process.stdout.write(`${lines.join("\n")}\n`);
