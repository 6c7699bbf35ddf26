import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

// Secrets never reach the log stream, whatever the level.
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "token",
  "*.token",
  "apiToken",
  "*.apiToken",
  "password",
  "*.password",
];

export function createLogger(config: Pick<Config, "log" | "build">): Logger {
  const options = {
    level: config.log.level,
    base: { service: "shortlinks-api", version: config.build.version },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  // pino-pretty is a dev dependency: only resolved when asked for, never in the production image.
  if (config.log.format === "pretty") {
    return pino({
      ...options,
      transport: { target: "pino-pretty", options: { singleLine: true } },
    });
  }
  // Asynchronous: a request never waits for stdout. One buffer written in order keeps the lines
  // in the order they were logged (the synchronous destination reordered them once under
  // EAGAIN); pino flushes it synchronously on process exit (pino 10, lib/tools.js autoEnd).
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
