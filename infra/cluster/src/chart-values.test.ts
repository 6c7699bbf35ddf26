import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { valuesFile } from "./addons.js";
import { CHARTS } from "./charts.js";

// The Traefik chart ships a strict values.schema.json (additionalProperties: false at every level
// it knows): Helm refuses values it does not describe. The copy in values/schemas/ is the file of
// github.com/traefik/traefik-helm-chart at tag v41.3.0 (traefik/values.schema.json), so a
// misspelt or dropped key fails here instead of at the first `pulumi up`.
const schemaFile = new URL(
  `../values/schemas/traefik-${CHARTS.traefik.version}.values.schema.json`,
  import.meta.url,
);

function validate(values: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const check = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
  check(values);
  return (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

describe("values/traefik.yaml against the chart's own schema", () => {
  it("is valid for the pinned chart version", () => {
    expect(validate(valuesFile("traefik"))).toEqual([]);
  });

  it("would refuse a key the chart does not know, and a wrong type", () => {
    const values = valuesFile("traefik");
    expect(validate({ ...values, controller: { replicaCount: 2 } })).not.toEqual([]);
    expect(validate({ ...values, deployment: { replicas: "two" } })).not.toEqual([]);
  });

  it("trusts no address for X-Forwarded-* or proxy protocol on the public entry points", () => {
    const ports = valuesFile("traefik").ports as Record<string, Record<string, unknown>>;
    for (const entryPoint of ["web", "websecure"]) {
      expect(ports[entryPoint]?.forwardedHeaders).toMatchObject({
        trustedIPs: [],
        insecure: false,
      });
      expect(ports[entryPoint]?.proxyProtocol).toMatchObject({ trustedIPs: [], insecure: false });
    }
  });
});
