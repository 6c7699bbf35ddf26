import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VariableType } from "@grafana/grafana-foundation-sdk/dashboard";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  API_LOG_FIELDS,
  fieldsRead,
  logQueryProblems,
  logqlErrors,
  selectorLabels,
} from "../../test/support/logql.js";
import { MONITORING_DIR } from "../generated-files.js";
import { allDashboards } from "./all-dashboards.js";
import {
  API_LOGS,
  exploreUrl,
  GRAFANA_URL,
  LOKI_DATASOURCE,
  LOG_QUERIES,
  REQUEST_ID_VARIABLE,
} from "./log-panels.js";

const REPO_ROOT = join(MONITORING_DIR, "..");
const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");

interface PanelJson {
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; datasource?: { type?: string; uid?: string } }[];
}

const overview = allDashboards.find((d) => d.file === "shortlinks-overview.json");
const panels = (overview?.dashboard.panels ?? []) as unknown as PanelJson[];
const logPanels = panels.filter((p) => p.type === "logs");

describe("the service dashboard's log panels", () => {
  it("show the logs of one request id and of every 5xx", () => {
    expect(logPanels.map((p) => p.title)).toEqual([
      "Logs of this request id",
      "Server errors (5xx)",
    ]);
    const variables = overview?.dashboard.templating.list ?? [];
    expect(
      variables.some((v) => v.name === REQUEST_ID_VARIABLE && v.type === VariableType.Textbox),
    ).toBe(true);
    expect(logPanels[0]?.targets?.[0]?.expr).toContain(`"$${REQUEST_ID_VARIABLE}"`);
  });

  it("query the Loki datasource Grafana provisions, by its type and uid", () => {
    const provisioned = (
      parse(read("monitoring/grafana/provisioning/datasources/loki.yml")) as {
        datasources: { type: string; uid: string }[];
      }
    ).datasources;
    expect(provisioned).toHaveLength(1);
    const [loki] = provisioned;
    expect(LOKI_DATASOURCE).toEqual({ type: loki?.type, uid: loki?.uid });
    for (const panel of logPanels) {
      expect(panel.datasource, panel.title).toEqual({ type: "loki", uid: loki?.uid });
      for (const target of panel.targets ?? [])
        expect(target.datasource, panel.title).toEqual(panel.datasource);
    }
  });

  it("are written in LogQL that Grafana's grammar parses", () => {
    expect(logPanels.length).toBeGreaterThan(0);
    for (const panel of logPanels)
      for (const { expr } of panel.targets ?? [])
        expect(logqlErrors(expr ?? ""), panel.title).toEqual([]);
    // The check is real: a missing brace or a dangling pipe is an error.
    expect(logqlErrors('{app="shortlinks-api" | json')).not.toEqual([]);
    expect(logqlErrors(`${API_LOGS} | json |`)).not.toEqual([]);
  });

  it("select streams by labels both log shippers set, with the API's own label value", () => {
    for (const query of [LOG_QUERIES.serverErrors, LOG_QUERIES.requestId("x")]) {
      expect(logQueryProblems(query), query).toEqual([]);
      // `app` comes from app.kubernetes.io/name: the API's pods and compose container carry it.
      const app = selectorLabels(query).app ?? "?";
      expect(read("k8s/base/deployment.yaml")).toContain(`app.kubernetes.io/name: ${app}`);
      expect(read("compose.yaml")).toContain(`app.kubernetes.io/name: ${app}`);
    }
    expect(logQueryProblems('{pod_name="x"} | json')).toContain(
      "compose.alloy sets no label pod_name",
    );
  });

  it("filter on fields the API logs, as Loki's json parser names them", () => {
    expect(fieldsRead(LOG_QUERIES.serverErrors)).toEqual(["res_statusCode"]);
    expect(fieldsRead(LOG_QUERIES.requestId("x")).sort()).toEqual(["reqId", "req_id"]);
    expect(fieldsRead('{app="a"} | json | line_format "{{.version}} {{ .url }}"')).toEqual([
      "version",
      "url",
    ]);
    expect(logQueryProblems(`${API_LOGS} | json | status_code >= 500`)).toEqual([
      "the API logs no field status_code",
    ]);
    // The names come from the API's logger: its serializers and base fields, by their source.
    const requestLogger = read("apps/api/src/http/request-logger.ts");
    for (const source of [
      "id: req.id",
      "method: req.method",
      "url: req.url",
      "remoteAddress: req.remoteAddress",
      "statusCode: res.statusCode",
      "quietReqLogger: true",
    ])
      expect(requestLogger).toContain(source);
    expect(read("apps/api/src/logger.ts")).toContain('base: { service: "shortlinks-api", version:');
    expect(API_LOG_FIELDS).toContain("res_statusCode");
  });

  it("open in Grafana Explore on the Loki datasource, compose's Grafana port", () => {
    const query = LOG_QUERIES.serverErrors;
    const url = new URL(exploreUrl(query));
    expect(`${url.protocol}//${url.host}`).toBe(GRAFANA_URL);
    expect(read("compose.yaml")).toContain(`127.0.0.1:\${GRAFANA_PORT:-${url.port}}:3000`);
    expect(url.pathname).toBe("/explore");
    const panes = JSON.parse(url.searchParams.get("panes") ?? "{}") as Record<
      string,
      { datasource: string; queries: { expr: string; datasource: unknown }[] }
    >;
    const [pane] = Object.values(panes);
    expect(pane?.datasource).toBe(LOKI_DATASOURCE.uid);
    expect(pane?.queries).toEqual([
      expect.objectContaining({ expr: query, datasource: LOKI_DATASOURCE }),
    ]);
    expect(exploreUrl('{app="a"} |~ "(x)"')).not.toMatch(/[()]/);
  });
});
