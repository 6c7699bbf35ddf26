import type { RequestHandler } from "express";
import { UNMATCHED_ROUTE, type Metrics } from "../metrics.js";
import { routeTemplate } from "./route-template.js";

/**
 * Records every response in http_request_duration_seconds with the route *template*
 * (`/api/items/:id`), so the number of series stays bounded whatever URLs clients send.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpRequestDuration.startTimer();
    metrics.httpRequestsInFlight.inc();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      metrics.httpRequestsInFlight.dec();
      const route = routeTemplate(req) ?? UNMATCHED_ROUTE;
      end({ method: req.method, route, status_code: String(res.statusCode) });
    };
    res.on("finish", finish);
    res.on("close", finish);
    next();
  };
}
