import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import { LogsSortOrder } from "@grafana/grafana-foundation-sdk/common";
import { TextBoxVariableBuilder, type Panel } from "@grafana/grafana-foundation-sdk/dashboard";
import { PanelBuilder as LogsBuilder } from "@grafana/grafana-foundation-sdk/logs";
import { DataqueryBuilder, QueryEditorMode } from "@grafana/grafana-foundation-sdk/loki";

/**
 * The Loki datasource every log panel queries: Grafana provisions it under this uid in compose
 * (monitoring/grafana/provisioning/datasources/loki.yml) and on EKS (infra/cluster's Grafana).
 */
export const LOKI_DATASOURCE = { type: "loki", uid: "loki" } as const;

/**
 * The API's log stream. Alloy sets `app` from the label app.kubernetes.io/name, which the API's
 * pods (k8s/base) and its compose container carry (monitoring/alloy/*.alloy).
 */
export const API_LOGS = '{app="shortlinks-api"}';

/** The dashboard variable an operator pastes a request id into (the X-Request-Id header). */
export const REQUEST_ID_VARIABLE = "request_id";

/**
 * The API's log queries, on pino's field names (apps/api/src/http/request-logger.ts): the
 * completion line has `req.id` and `res.statusCode` (`req_id`, `res_statusCode` once `| json`
 * flattens them), the lines logged inside a handler `reqId`. The line filter `|=` narrows the
 * chunks read before the JSON is parsed.
 */
export const LOG_QUERIES = {
  requestId: (id: string) => `${API_LOGS} |= "${id}" | json | reqId="${id}" or req_id="${id}"`,
  serverErrors: `${API_LOGS} | json | res_statusCode >= 500`,
} as const;

export interface LogPanelSpec {
  title: string;
  description: string;
  expr: string;
}

/** The service dashboard's log panels: one request's story, and every 5xx. */
export const serviceLogPanels: LogPanelSpec[] = [
  {
    title: "Logs of this request id",
    description:
      "Every line of one request: paste its X-Request-Id (a response header, or req.id in a 5xx line below) in the request_id box above.",
    expr: LOG_QUERIES.requestId(`$${REQUEST_ID_VARIABLE}`),
  },
  {
    title: "Server errors (5xx)",
    description:
      "Completion lines of responses with a 5xx status, newest first: the request id, route and error of each.",
    expr: LOG_QUERIES.serverErrors,
  },
];

export function requestIdVariable() {
  return new TextBoxVariableBuilder(REQUEST_ID_VARIABLE)
    .label("Request id")
    .description("An X-Request-Id, for the panel 'Logs of this request id'.")
    .defaultValue("");
}

export function logPanel(
  spec: LogPanelSpec,
  id: number,
  gridPos: { x: number; y: number; w: number; h: number },
): cog.Builder<Panel> {
  return new LogsBuilder()
    .id(id)
    .gridPos(gridPos)
    .title(spec.title)
    .description(spec.description)
    .datasource(LOKI_DATASOURCE)
    .withTarget(
      new DataqueryBuilder()
        .expr(spec.expr)
        .editorMode(QueryEditorMode.Code)
        .maxLines(500)
        .refId("A")
        .datasource(LOKI_DATASOURCE),
    )
    .showTime(true)
    .wrapLogMessage(true)
    .prettifyLogMessage(false)
    .enableLogDetails(true)
    .sortOrder(LogsSortOrder.Descending);
}

/** Grafana's address in compose (GRAFANA_PORT's default), and on EKS through a port-forward. */
export const GRAFANA_URL = "http://127.0.0.1:3001";

/**
 * Grafana Explore with `query` on the Loki datasource over the last hour: the link each runbook's
 * **Logs:** line gives. Parentheses are escaped too, so the link survives Markdown.
 */
export function exploreUrl(query: string): string {
  const panes = {
    logs: {
      datasource: LOKI_DATASOURCE.uid,
      queries: [{ refId: "A", expr: query, datasource: LOKI_DATASOURCE }],
      range: { from: "now-1h", to: "now" },
    },
  };
  const encoded = encodeURIComponent(JSON.stringify(panes)).replace(
    /[()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${GRAFANA_URL}/explore?schemaVersion=1&orgId=1&panes=${encoded}`;
}
