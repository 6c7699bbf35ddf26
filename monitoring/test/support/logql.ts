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
 * Why a query would find nothing: grammar errors, or a selector label one of the two shippers
 * (compose's and the cluster's Alloy) never sets. Empty when the query is sound.
 */
export function logQueryProblems(query: string): string[] {
  const problems = logqlErrors(query);
  const labels = Object.keys(selectorLabels(query));
  if (labels.length === 0) problems.push("no stream selector");
  for (const file of ["compose.alloy", "kubernetes.alloy"] as const) {
    const set = shipperLabels(file);
    for (const label of labels)
      if (!set.includes(label)) problems.push(`${file} sets no label ${label}`);
  }
  return problems;
}
