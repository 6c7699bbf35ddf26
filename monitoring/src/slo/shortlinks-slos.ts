import type { RequestSelector, SloSpec } from "./slo-spec.js";

// Probes, scrapes and the demo fault API are not user traffic: only these routes count.
const API: RequestSelector = { route: { matches: "/api/links.*", example: "/api/links" } };
const REDIRECT: RequestSelector = { route: { equals: "/:slug" } };

/** The service level the sample API promises (see docs/slo.md). */
export const shortlinksSlos: SloSpec = {
  service: "shortlinks-api",
  labels: { team: "platform" },
  slos: [
    {
      name: "redirect-availability",
      description: "99.9 % of redirects succeed (no 5xx) over 30 days.",
      objective: 99.9,
      sli: { kind: "availability", requests: REDIRECT },
      alerting: {
        name: "RedirectAvailabilityBudgetBurn",
        summary: "Redirects are failing fast enough to threaten the 99.9 % availability SLO.",
        impact: "Visitors following short links get server errors instead of their destination.",
      },
    },
    {
      name: "api-availability",
      description: "99.9 % of API calls on /api/links succeed (no 5xx) over 30 days.",
      objective: 99.9,
      sli: { kind: "availability", requests: API },
      alerting: {
        name: "ApiAvailabilityBudgetBurn",
        summary: "API calls are failing fast enough to threaten the 99.9 % availability SLO.",
        impact: "Clients cannot create, list or delete links.",
      },
    },
    {
      name: "redirect-latency",
      description: "99 % of redirects answer within 100 ms over 30 days.",
      objective: 99,
      sli: { kind: "latency", requests: REDIRECT, thresholdSeconds: 0.1 },
      alerting: {
        name: "RedirectLatencyBudgetBurn",
        summary: "Too many redirects take longer than 100 ms for the 99 % latency SLO.",
        impact: "Visitors wait noticeably before reaching their destination.",
      },
    },
    {
      name: "api-latency",
      description: "99 % of API calls on /api/links answer within 300 ms over 30 days.",
      objective: 99,
      sli: { kind: "latency", requests: API, thresholdSeconds: 0.3 },
      alerting: {
        name: "ApiLatencyBudgetBurn",
        summary: "Too many API calls take longer than 300 ms for the 99 % latency SLO.",
        impact: "Clients of the API see slow responses and may time out.",
      },
    },
  ],
};
