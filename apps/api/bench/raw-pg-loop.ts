// The database's own ceiling for the redirect's read: `SELECT url ... WHERE slug = $1` in a loop
// on a pg pool sized like the app's, `connections` callers at once, no HTTP at all.
// Usage: tsx bench/raw-pg-loop.ts <seconds> <connections>; prints one JSON line.
import { performance } from "node:perf_hooks";
import pg from "pg";

const [seconds, connections] = process.argv.slice(2).map(Number);
const url = process.env.BENCH_DATABASE_URL;
if (!url || !seconds || !connections) {
  process.stderr.write(
    "usage: BENCH_DATABASE_URL=... tsx bench/raw-pg-loop.ts <seconds> <connections>\n",
  );
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: url, max: 10 });
const latencies: number[] = [];
let errors = 0;
const run = async (until: number, record: boolean) => {
  while (performance.now() < until) {
    const start = performance.now();
    try {
      await pool.query("SELECT url FROM links WHERE slug = $1", ["bench"]);
      if (record) latencies.push(performance.now() - start);
    } catch {
      errors += 1;
    }
  }
};
const callers = (ms: number, record: boolean) => {
  const until = performance.now() + ms;
  return Promise.all(Array.from({ length: connections }, () => run(until, record)));
};
await callers(2000, false); // warm-up, like the HTTP rows
await callers(seconds * 1000, true);
await pool.end();
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
process.stdout.write(
  `${JSON.stringify({ rps: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99), errors })}\n`,
);
