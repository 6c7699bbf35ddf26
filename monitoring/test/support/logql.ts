// LogQL checks shared by the dashboard and runbook tests: Loki is not installable here, so a query
// is held to Grafana's own LogQL grammar and to the labels the log shippers really set.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parser } from "@grafana/lezer-logql";
import { MONITORING_DIR } from "../../src/generated-files.js";

/** The spots where Grafana's LogQL grammar (the one its query editor uses) recovered from an error. */
export function logqlErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`at ${String(node.from)}: "${query.slice(node.from, node.to + 10)}"`);
    },
  });
  return errors;
}

/** The labels of a query's stream selector, `{name="value", ...}`, with their values. */
export function selectorLabels(query: string): Record<string, string> {
  const selector = /^\{([^}]*)\}/.exec(query.trim())?.[1] ?? "";
  return Object.fromEntries(
    [...selector.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*=~?\s*"([^"]*)"/g)].map((m) => [
      m[1] ?? "",
      m[2] ?? "",
    ]),
  );
}

/** The labels an Alloy configuration of monitoring/alloy/ sets with `target_label`. */
export function shipperLabels(file: "compose.alloy" | "kubernetes.alloy"): string[] {
  const config = readFileSync(join(MONITORING_DIR, "alloy", file), "utf8");
  return [...config.matchAll(/target_label\s*=\s*"([a-z_]+)"/g)].map((m) => m[1] ?? "");
}

/**
 * Why a query would find nothing: grammar errors, a field the API never logs, or a selector label
 * one of the two shippers (compose's and the cluster's Alloy) never sets. Empty when it is sound.
 */
export function logQueryProblems(query: string): string[] {
  const problems = logqlErrors(query);
  for (const field of fieldsRead(query))
    if (!API_LOG_FIELDS.includes(field)) problems.push(`the API logs no field ${field}`);
  const labels = Object.keys(selectorLabels(query));
  if (labels.length === 0) problems.push("no stream selector");
  for (const file of ["compose.alloy", "kubernetes.alloy"] as const) {
    const set = shipperLabels(file);
    for (const label of labels)
      if (!set.includes(label)) problems.push(`${file} sets no label ${label}`);
  }
  return problems;
}

/**
 * The API's JSON fields as Loki's `| json` names them (nested keys joined by `_`): the base of
 * apps/api/src/logger.ts (service, version), pino's own (level, time, msg...), the completion line
 * of apps/api/src/http/request-logger.ts (req.id, req.method, req.url, req.remoteAddress,
 * res.statusCode, responseTime), `reqId` on lines logged inside a request, and the error
 * handler's `err` and `code` (apps/api/src/http/error-handler.ts).
 */
export const API_LOG_FIELDS = [
  "level",
  "time",
  "pid",
  "hostname",
  "msg",
  "service",
  "version",
  "url",
  "reqId",
  "req_id",
  "req_method",
  "req_url",
  "req_remoteAddress",
  "res_statusCode",
  "responseTime",
  "err_type",
  "err_message",
  "err_stack",
  "code",
];

/** The fields a query reads after its parser: label filters, and `{{.field}}` in line_format. */
export function fieldsRead(query: string): string[] {
  const fields = new Set<string>();
  parser.parse(query).iterate({
    enter: (ref) => {
      if (ref.name === "Identifier") {
        let up = ref.node.parent;
        while (up && up.name !== "LabelFilter") up = up.parent;
        if (up) fields.add(query.slice(ref.from, ref.to));
      }
      if (ref.name === "LineFormatExpr")
        for (const m of query.slice(ref.from, ref.to).matchAll(/\{\{\s*\.(\w+)/g))
          fields.add(m[1] ?? "");
    },
  });
  return [...fields];
}
