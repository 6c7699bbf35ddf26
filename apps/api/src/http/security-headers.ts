import type { RequestHandler } from "express";
import helmet from "helmet";

/** helmet's headers; HSTS only on requests that arrived over TLS (directly or per the proxy). */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({ strictTransportSecurity: false }),
    (req, res, next) => {
      if (req.secure)
        res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      next();
    },
  ];
}
