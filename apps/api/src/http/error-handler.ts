import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "../errors.js";

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, "not_found", `No route for ${req.method} on this path.`));
};

// body-parser and the router raise http-errors with a `type` or a 4xx `status`.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.too.large": [413, "payload_too_large", "The request body is larger than the limit."],
  "entity.parse.failed": [400, "invalid_json", "The request body is not valid JSON."],
  "encoding.unsupported": [415, "unsupported_media_type", "Unsupported content encoding."],
  "charset.unsupported": [415, "unsupported_media_type", "Unsupported charset."],
  "request.aborted": [400, "request_aborted", "The request was aborted by the client."],
};

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (typeof error !== "object" || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type === "string" && BODY_ERRORS[type]) {
    const [code, name, message] = BODY_ERRORS[type];
    return new AppError(code, name, message);
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError(status, "bad_request", "The request could not be understood.");
  }
  return undefined;
}

/** Last middleware: every error leaves in the one shape; unknown errors as a 500 with no stack. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toAppError(error);
  const appError =
    known ?? new AppError(500, "internal_error", "Unexpected error; it has been logged.");
  if (appError.status >= 500) {
    req.log.error({ err: error, code: appError.code }, "request failed");
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (appError.status === 503) res.setHeader("Retry-After", "5");
  res.status(appError.status).json(appError.toBody());
};
