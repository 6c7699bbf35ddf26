import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { AppError } from "../errors.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Bearer-token check in constant time: both sides are hashed to 32 bytes first, so neither the
 * content nor the length of the expected token leaks through timing.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

export function requireBearerToken(expected: string): RequestHandler {
  return (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer ([^\s]+)$/i.exec(header);
    if (!match?.[1] || !tokenMatches(match[1], expected)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="shortlinks"');
      next(new AppError(401, "unauthorized", "A valid bearer token is required for this call."));
      return;
    }
    next();
  };
}
