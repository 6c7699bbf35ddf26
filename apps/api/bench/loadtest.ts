// `npm run loadtest -w @fil-rouge/api [-- --connections 50 --duration 60 --write]`
// The built API on a real PostgreSQL (LOADTEST_DATABASE_URL or TEST_DATABASE_URL, in a fresh
// database it creates and drops; PGlite otherwise), a realistic mix at fixed concurrency, three
// consecutive runs. Reports req/s, per-route p50/p95/p99 from the API's own histogram, errors,
// whether the SLOs hold, and the process's RSS at start, middle and end of each run.
// A measurement, not a test: it never fails on its figures. --write puts them in docs/reliability.md.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import * as prettier from "prettier";
import { startApiProcess } from "../test/support/api-process.js";
import { createScratchDatabase, type ScratchDatabase } from "../test/support/scratch-database.js";
import {
  countsByStatus,
  difference,
  gauge,
  histogramByRoute,
  quantile,
} from "./prometheus-text.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "60" },
    runs: { type: "string", default: "3" },
    write: { type: "boolean", default: false },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const runs = Number(values.runs);
if (![connections, duration, runs].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write("--connections, --duration and --runs take positive whole numbers\n");
  process.exit(2);
}

const serverUrl = process.env.LOADTEST_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
let database: ScratchDatabase | undefined;
if (serverUrl) {
  database = await createScratchDatabase(serverUrl, "shortlinks_loadtest");
} else {
  process.stderr.write(
    "no LOADTEST_DATABASE_URL or TEST_DATABASE_URL: measuring on the embedded PGlite\n",
  );
}

const builtEntry = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const api = await startApiProcess(
  {
    RATE_LIMIT_WRITES_PER_MINUTE: "100000",
    DATABASE_POOL_MAX: "20",
    ...(database ? { DATABASE_URL: database.url, DATABASE_ALLOW_SUPERUSER: "true" } : {}), // a test server's admin role
  },
  builtEntry,
).catch(async (error: unknown) => {
  await database?.drop(); // nothing may be left behind, even when the API does not start
  throw error;
});
const auth = { authorization: `Bearer ${api.token}`, "content-type": "application/json" };
const slugs = Array.from({ length: 6 }, (_, i) => `load-${i}`);
for (const slug of slugs) {
  await fetch(`${api.url}/api/links`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ slug, url: `https://example.org/${slug}` }),
  });
}

// One cycle of ten requests per connection: mostly redirects, as real traffic.
const requests: autocannon.Request[] = [
  ...slugs.map((slug) => ({ method: "GET" as const, path: `/${slug}` })),
  { method: "GET", path: `/api/links/${slugs[0] ?? ""}` },
  { method: "GET", path: "/api/links?limit=20" },
  {
    method: "POST",
    path: "/api/links",
    headers: auth,
    body: JSON.stringify({ url: "https://example.org/created" }),
  },
  { method: "GET", path: "/missing-slug" },
];
const metrics = async () => (await fetch(`${api.url}/metrics`)).text();
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

interface RunResult {
  rps: number;
  transportErrors: number;
  rss: [number, number, number];
  text: string;
  before: string;
}
const results: RunResult[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    process.stderr.write(`run ${run}/${runs}: ${connections} connections for ${duration} s...\n`);
    const before = await metrics();
    const rssStart = gauge(before, "process_resident_memory_bytes");
    let rssMiddle = Number.NaN;
    const middle = setTimeout(
      () => void metrics().then((t) => (rssMiddle = gauge(t, "process_resident_memory_bytes"))),
      (duration * 1000) / 2,
    );
    const result = await autocannon({ url: api.url, connections, duration, requests });
    clearTimeout(middle);
    const text = await metrics();
    results.push({
      rps: Math.round(result.requests.average),
      transportErrors: result.errors + result.timeouts,
      rss: [rssStart, rssMiddle, gauge(text, "process_resident_memory_bytes")],
      text,
      before,
    });
  }
} finally {
  await api.stop();
  await database?.drop();
}

// Per-route latency and errors over all runs, from the API's own histogram.
const last = results.at(-1);
const first = results[0];
if (!last || !first) process.exit(1);
const latency = difference(
  histogramByRoute(last.text, "http_request_duration_seconds"),
  histogramByRoute(first.before, "http_request_duration_seconds"),
);
const countsAfter = countsByStatus(last.text);
const countsBefore = countsByStatus(first.before);
const ms = (seconds: number) => (Number.isNaN(seconds) ? "-" : (seconds * 1000).toFixed(1));
const userRoutes = [...latency.keys()]
  .filter((r) => !["/livez", "/readyz", "/metrics"].includes(r))
  .sort();
let total = 0;
let server = 0;
const routeRows = userRoutes.map((route) => {
  const bounds = latency.get(route) ?? new Map<number, number>();
  const count = (countsAfter.get(route)?.total ?? 0) - (countsBefore.get(route)?.total ?? 0);
  const errors = (countsAfter.get(route)?.server ?? 0) - (countsBefore.get(route)?.server ?? 0);
  total += count;
  server += errors;
  return `| \`${route}\` | ${count} | ${ms(quantile(0.5, bounds))} | ${ms(quantile(0.95, bounds))} | ${ms(quantile(0.99, bounds))} | ${errors} |`;
});
const redirects = latency.get("/:slug") ?? new Map<number, number>();
const underThreshold =
  (redirects.get(0.1) ?? 0) / Math.max(redirects.get(Number.POSITIVE_INFINITY) ?? 0, 1);
const availability = total > 0 ? 1 - server / total : Number.NaN;
const rssGrowth = (last.rss[2] - first.rss[2]) / first.rss[2];

const lines = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${mb(totalmem())} MiB, Node ${process.version}, ${database ? "PostgreSQL" : "PGlite"}; ${runs} runs of ${duration} s at ${connections} connections.`,
  "",
  "| Run | req/s | transport errors | RSS start / middle / end (MiB) |",
  "| --- | --- | --- | --- |",
  ...results.map(
    (r, i) => `| ${i + 1} | ${r.rps} | ${r.transportErrors} | ${r.rss.map(mb).join(" / ")} |`,
  ),
  "",
  "| Route | requests | p50 ms | p95 ms | p99 ms | 5xx |",
  "| --- | --- | --- | --- | --- | --- |",
  ...routeRows,
  "",
  `- Availability over the runs: ${(availability * 100).toFixed(3)} % (SLO 99.9 %: ${availability >= 0.999 ? "holds" : "missed"}).`,
  `- Redirects within 100 ms: ${(underThreshold * 100).toFixed(2)} % (SLO 99 %: ${underThreshold >= 0.99 ? "holds" : "missed"}).`,
  `- RSS at the end of the last run vs the first: ${rssGrowth >= 0 ? "+" : ""}${(rssGrowth * 100).toFixed(1)} % (${Math.abs(rssGrowth) < 0.2 ? "no unbounded growth seen" : "growing: investigate"}).`,
];
process.stdout.write(`${lines.join("\n")}\n`);

if (values.write) {
  const path = fileURLToPath(new URL("../../../docs/reliability.md", import.meta.url));
  const doc = readFileSync(path, "utf8");
  const [head, rest] = doc.split("<!-- loadtest:start -->");
  const tail = rest?.split("<!-- loadtest:end -->")[1];
  if (head === undefined || tail === undefined)
    throw new Error(`${path} has no loadtest:start/end markers`);
  const updated = `${head}<!-- loadtest:start -->\n\n${lines.join("\n")}\n\n<!-- loadtest:end -->${tail}`;
  // Formatted as the repository's format check expects, so --write never breaks npm test.
  const options = await prettier.resolveConfig(path);
  writeFileSync(path, await prettier.format(updated, { ...options, filepath: path }));
  process.stderr.write(`wrote the figures to ${path}\n`);
}
