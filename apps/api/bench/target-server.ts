// One benchmark target per process, so the load generator never shares its event loop.
// Usage: tsx bench/target-server.ts <bare-http|bare-express|bare-express-pg|full-pglite|full-postgres>
// Prints "READY <port>" once it listens.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import pg from "pg";
import { pino } from "pino";
import { loadConfig } from "../src/config.js";
import { startService } from "../src/server.js";

const kind = process.argv[2];
// Exit through process.exit so `node --cpu-prof` can write its profile.
process.on("SIGINT", () => process.exit(0));
const ready = (server: Server) => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
};
const listen = (server: Server) =>
  server.listen(0, "127.0.0.1", () => {
    ready(server);
  });

if (kind === "bare-http") {
  listen(
    createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    }),
  );
} else if (kind === "bare-express") {
  const app = express();
  app.get("/livez", (_req, res) => {
    res.json({ status: "ok" });
  });
  listen(createServer(app));
} else if (kind === "bare-express-pg") {
  // What GET /api/links/:slug does at its core, and nothing else: the same SELECT, as JSON.
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  const app = express();
  app.get("/api/links/:slug", async (req, res) => {
    const { rows } = await pool.query(
      "SELECT id, slug, url, clicks, created_at FROM links WHERE slug = $1",
      [req.params.slug],
    );
    if (rows[0]) res.json(rows[0]);
    else res.status(404).json({ error: "not found" });
  });
  listen(createServer(app));
} else if (kind === "full-pglite" || kind === "full-postgres") {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
  const config = loadConfig({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    API_TOKEN: "bench-token-0123456789",
    DATABASE_URL: kind === "full-postgres" ? databaseUrl : "",
    DATABASE_MIGRATION_URL: kind === "full-postgres" ? (process.env.BENCH_MIGRATION_URL ?? "") : "",
    RATE_LIMIT_WRITES_PER_MINUTE: "100000",
  });
  // Real logging cost (info level, JSON), written where it does not flood the terminal.
  const logger = pino({ level: "info" }, pino.destination("/dev/null"));
  const service = await startService(config, logger);
  await service.db.query("bench.reset", "DELETE FROM links WHERE slug = 'bench'");
  await fetch(`${service.url}/api/links`, {
    method: "POST",
    headers: { authorization: "Bearer bench-token-0123456789", "content-type": "application/json" },
    body: JSON.stringify({ slug: "bench", url: "https://example.org/bench" }),
  });
  ready(service.server);
} else {
  process.stderr.write(`unknown target ${String(kind)}\n`);
  process.exit(2);
}
