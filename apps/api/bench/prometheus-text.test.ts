import { describe, expect, it } from "vitest";
import {
  countsByStatus,
  difference,
  gauge,
  histogramByRoute,
  quantile,
} from "./prometheus-text.js";

const text = (n: number) => `# HELP x
http_request_duration_seconds_bucket{le="0.05",method="GET",route="/:slug",status_code="302"} ${50 * n}
http_request_duration_seconds_bucket{le="0.1",method="GET",route="/:slug",status_code="302"} ${90 * n}
http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/:slug",status_code="302"} ${100 * n}
http_request_duration_seconds_count{method="GET",route="/:slug",status_code="302"} ${100 * n}
http_request_duration_seconds_count{method="GET",route="/:slug",status_code="500"} ${2 * n}
process_resident_memory_bytes ${1000 * n}
`;

describe("reading the API's metrics", () => {
  it("computes quantiles like histogram_quantile, on the difference between two scrapes", () => {
    const run = difference(
      histogramByRoute(text(3), "http_request_duration_seconds"),
      histogramByRoute(text(1), "http_request_duration_seconds"),
    );
    const slug = run.get("/:slug");
    expect(slug?.get(Number.POSITIVE_INFINITY)).toBe(200);
    expect(quantile(0.5, slug ?? new Map())).toBeCloseTo(0.05);
    expect(quantile(0.7, slug ?? new Map())).toBeCloseTo(0.075);
    expect(quantile(0.99, slug ?? new Map())).toBe(0.1);
  });

  it("reads gauges and counts server errors by route", () => {
    expect(gauge(text(2), "process_resident_memory_bytes")).toBe(2000);
    expect(countsByStatus(text(1)).get("/:slug")).toEqual({ total: 102, server: 2 });
  });
});
