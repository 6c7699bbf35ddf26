import type { RequestSelector, SloSpec } from "./slo-spec.js";

// The rehearsal's second application: one route, one availability and one latency objective.
const NOTES: RequestSelector = { route: { equals: "/api/notes" } };

export const shortlinksSlos: SloSpec = {
  service: "shortlinks-api",
  labels: { team: "platform" },
  slos: [
    {
      name: "notes-availability",
      description: "99.5 % of note calls succeed (no 5xx) over 30 days.",
      objective: 99.5,
      sli: { kind: "availability", requests: NOTES },
      alerting: {
        name: "NotesAvailabilityBudgetBurn",
        summary: "Note calls are failing fast enough to threaten the 99.5 % SLO.",
        impact: "Users cannot read or write notes.",
      },
    },
    {
      name: "notes-latency",
      description: "99 % of note calls answer within 300 ms over 30 days.",
      objective: 99,
      sli: { kind: "latency", requests: NOTES, thresholdSeconds: 0.3 },
      alerting: {
        name: "NotesLatencyBudgetBurn",
        summary: "Too many note calls take longer than 300 ms.",
        impact: "Users wait for their notes.",
      },
    },
  ],
};
