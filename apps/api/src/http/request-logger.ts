import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";

const QUIET_PATHS = new Set(["/livez", "/readyz", "/metrics"]);

// A caller's id is kept only if it is short and plain, so it cannot forge log lines.
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestLogger(logger: Logger): RequestHandler {
  const logRequest = pinoHttp({
    logger,
    quietReqLogger: true, // req.log lines carry reqId only; the completion line carries req/res
    // Only what an operator needs: full header dumps would bloat every line and risk secrets.
    serializers: {
      req: (req: { id: unknown; method: unknown; url: unknown; remoteAddress: unknown }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
    },
    genReqId(req, res) {
      const incoming = req.headers["x-request-id"];
      const id =
        typeof incoming === "string" && ACCEPTABLE_REQUEST_ID.test(incoming)
          ? incoming
          : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel(req, res, error) {
      if (error || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      // Probes and scrapes every few seconds would drown the useful lines: there at LOG_LEVEL=debug.
      if (QUIET_PATHS.has(req.url ?? "")) return "debug";
      return "info";
    },
  });
  // A probe or a scrape arrives every few seconds and is logged only at debug: below that level it
  // skips the per-request id and child logger altogether (measured by `npm run bench`: most of
  // what the full app spends on /livez). req.log stays defined for the error handler.
  return (req, res, next) => {
    if (QUIET_PATHS.has(req.url) && !logger.isLevelEnabled("debug")) {
      req.log = logger;
      next();
      return;
    }
    logRequest(req, res, next);
  };
}
