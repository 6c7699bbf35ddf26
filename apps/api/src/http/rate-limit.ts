import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError } from "../errors.js";

/** Limits writes per client IP; answers 429 in the API's error shape with IETF RateLimit headers. */
export function writeRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => {
      next(
        new AppError(
          429,
          "rate_limited",
          "Too many write requests; retry after the window resets.",
        ),
      );
    },
  });
}
