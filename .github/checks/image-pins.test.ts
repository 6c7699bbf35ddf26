import { describe, expect, it } from "vitest";
import { imageReference, versionLocations, type VersionLocation } from "./version-locations.js";

// Every container image outside the application's own Dockerfile is pinned by digest, its tag
// repeated as a comment for readers: `image: postgres:16.6-alpine@sha256:…  # 16.6-alpine`.
// Renovate (.github/renovate.json5) updates the digest; the comment must follow the tag.
const PINNED = /^(?<name>[a-z0-9][a-z0-9./_-]*):(?<tag>[A-Za-z0-9._-]+)@sha256:[a-f0-9]{64}$/;

/** Images that cannot carry a digest in the file, each with the reason. */
const NOT_PINNED: Record<string, string> = {
  "shortlinks-api":
    "k8s/base's placeholder for the application image: infra/cluster/src/overlay-bindings.ts replaces it with the registry and digest deploy.yml built",
  "shortlinks-api:${APP_VERSION:-0.0.0-compose}":
    "compose builds the application image from apps/api/Dockerfile on the machine: there is no registry digest",
};

function problems(locations: VersionLocation[]): string[] {
  return locations.flatMap((location) => {
    if (location.kind === "helm-values-image")
      return /^tag:\s*v?[\w.-]+@sha256:[a-f0-9]{64}$/.test(location.text)
        ? []
        : [
            `${location.file}:${String(location.line)}: ${location.text} is not <version>@sha256:<digest>`,
          ];
    const { reference, comment } = imageReference(location.text);
    if (reference in NOT_PINNED) return [];
    const where = `${location.file}:${String(location.line)}`;
    const pinned = PINNED.exec(reference);
    if (!pinned) return [`${where}: ${reference} is not name:tag@sha256:<digest>`];
    if (comment !== pinned.groups?.tag)
      return [`${where}: the comment (${comment ?? "none"}) is not the tag ${pinned.groups?.tag}`];
    return [];
  });
}

describe("container images pinned by digest", () => {
  const images = versionLocations().filter((l) =>
    ["docker-compose", "kubernetes", "image-in-code", "helm-values-image"].includes(l.kind),
  );

  it("finds the images of compose.yaml, k8s/ and the cluster program", () => {
    const files = new Set(images.map((l) => l.file));
    for (const file of [
      "compose.yaml",
      "k8s/components/aws/backup-cronjob.yaml",
      "k8s/overlays/dev/postgres.yaml",
      "infra/cluster/src/database-roles.ts",
      "infra/cluster/values/traefik.yaml",
    ])
      expect(files, file).toContain(file);
  });

  it("pins each by digest with its tag as a comment, outside the explained exceptions", () => {
    expect(problems(images)).toEqual([]);
  });

  it("refuses a tag alone, and a comment that no longer names the tag", () => {
    const at = { kind: "kubernetes" as const, file: "k8s/x.yaml", line: 1 };
    const digest = `sha256:${"a".repeat(64)}`;
    expect(problems([{ ...at, text: "image: postgres:16.6-alpine" }])).toHaveLength(1);
    expect(
      problems([{ ...at, text: `image: postgres:16.7-alpine@${digest}  # 16.6-alpine` }]),
    ).toHaveLength(1);
    expect(
      problems([{ ...at, text: `image: postgres:16.6-alpine@${digest}  # 16.6-alpine` }]),
    ).toEqual([]);
  });
});
