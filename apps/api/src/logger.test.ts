import { Writable } from "node:stream";
import express from "express";
import request from "supertest";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { requestLogger } from "./http/request-logger.js";
import { REDACTED_PATHS } from "./logger.js";

/** An app whose request log lines land in `lines`, at the given level. */
function loggedApp(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestLogger(pino({ level }, sink)));
  for (const path of ["/livez", "/readyz", "/metrics", "/version"]) {
    app.get(path, (_req, res) => {
      res.json({});
    });
  }
  return { app, lines };
}

describe("logs", () => {
  it("leave probes and scrapes out at info, and log them with their request id at debug", async () => {
    const info = loggedApp("info");
    for (const path of ["/livez", "/readyz", "/metrics", "/version"])
      await request(info.app).get(path);
    expect(info.lines.map((l) => (l.req as { url: string }).url)).toEqual(["/version"]);

    const debug = loggedApp("debug");
    await request(debug.app).get("/livez").set("X-Request-Id", "probe-1");
    expect(debug.lines).toHaveLength(1);
    expect(debug.lines[0]).toMatchObject({ level: 20, req: { id: "probe-1", url: "/livez" } });
  });

  it("carry the request id on every line and never the bearer token", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, sink);
    const app = express();
    app.use(requestLogger(logger));
    app.get("/x", (req, res) => {
      req.log.info({ token: "also-secret" }, "inside the handler");
      res.json({});
    });
    await request(app)
      .get("/x")
      .set("Authorization", "Bearer super-secret-token")
      .set("X-Request-Id", "req-7");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("super-secret-token");
    expect(text).not.toContain("also-secret");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ reqId: "req-7", msg: "inside the handler" });
    expect(lines[1]).toMatchObject({ req: { id: "req-7" }, res: { statusCode: 200 } });
  });
});
