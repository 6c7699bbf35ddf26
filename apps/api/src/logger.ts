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
  return pino({
    level: config.log.level,
    base: { service: "shortlinks-api", version: config.build.version },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    // pino-pretty is a dev dependency: only resolved when asked for, never in the production image.
    ...(config.log.format === "pretty"
      ? { transport: { target: "pino-pretty", options: { singleLine: true } } }
      : {}),
  });
}
