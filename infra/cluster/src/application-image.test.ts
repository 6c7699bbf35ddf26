import { describe, expect, it } from "vitest";
import { renderOverlay } from "@fil-rouge/k8s/manifests";
import { applicationTransformations } from "./application.js";
import { chooseDigest, DIGEST_OUTPUT } from "./application-image.js";
import { awsOutputs, DIGEST, runClusterStack } from "./program-under-mocks.js";

type Run = Awaited<ReturnType<typeof runClusterStack>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;
const PREVIOUS = `sha256:${"01".repeat(32)}`;
const KEY = "shortlinks-cluster";

const apiImages = (run: Run) =>
  run.resources
    .filter((r) => r.type === "kubernetes:apps/v1:Deployment")
    .flatMap((r) => {
      const pod = (r.props as Props).spec.template.spec;
      return [...pod.initContainers, ...pod.containers].map((c: Props) => c.image as string);
    });

describe("the image the application runs (staging stack under mocks)", () => {
  it("is pulled from the ECR repository of the stack's infra/aws, by digest", async () => {
    const run = await runClusterStack("staging", { [`${KEY}:imageDigest`]: DIGEST });
    const expected = `${awsOutputs("staging").registryUrl}@${DIGEST}`;
    expect(apiImages(run)).toEqual([expected, expected]);
    expect(run.outputs.image).toBe(expected);
  });

  it("comes from another registry only when imageRepository says so", async () => {
    const run = await runClusterStack("staging", {
      [`${KEY}:imageDigest`]: DIGEST,
      [`${KEY}:imageRepository`]: "registry.example.org/team/shortlinks-api",
    });
    expect(new Set(apiImages(run))).toEqual(
      new Set([`registry.example.org/team/shortlinks-api@${DIGEST}`]),
    );
  });

  it("without imageDigest, keeps the digest the stack's last update deployed", async () => {
    const run = await runClusterStack("staging", {}, "staging", { [DIGEST_OUTPUT]: PREVIOUS });
    expect(new Set(apiImages(run))).toEqual(
      new Set([`${awsOutputs("staging").registryUrl}@${PREVIOUS}`]),
    );
    // Exported again, so the next update without the setting keeps it too.
    expect((run.outputs as Props)[DIGEST_OUTPUT]).toBe(PREVIOUS);
  });

  it("protects the application's Namespace, and only it, when the engine registers it", async () => {
    const run = await runClusterStack("staging", { [`${KEY}:imageDigest`]: DIGEST });
    expect(run.registrations.filter((r) => r.protect).map((r) => `${r.type} ${r.name}`)).toEqual([
      "kubernetes:core/v1:Namespace shortlinks-staging",
    ]);
  });

  it("on the first run with no digest anywhere, installs the add-ons only", async () => {
    const run = await runClusterStack("staging");
    expect(apiImages(run)).toEqual([]);
    expect(run.outputs.image).toBe("");
    expect(run.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release")).not.toEqual([]);
  });

  it("takes the setting over the previous digest (deploy.yml promotes or rolls back)", () => {
    expect(chooseDigest(DIGEST, PREVIOUS)).toEqual({ digest: DIGEST, from: "setting" });
    expect(chooseDigest(undefined, PREVIOUS)).toEqual({
      digest: PREVIOUS,
      from: "previous update",
    });
    expect(chooseDigest(undefined, undefined)).toEqual({ digest: undefined, from: "none" });
  });
});

describe("the application's transformations", () => {
  it("protect the Namespace, and nothing else", () => {
    const transformations = applicationTransformations({
      overlayEnvironment: "prod",
      environment: "prod",
      backupRoleArn: "arn:aws:iam::210987654321:role/shortlinks-prod-db-backup",
      backupBucket: "shortlinks-prod-db-backups-210987654321",
      hostname: "shortlinks.example.org",
      image: `example/shortlinks-api@${DIGEST}`,
    });
    const protectedKinds = renderOverlay("prod").flatMap((object) => {
      const opts: { protect?: boolean } = {};
      for (const transform of transformations) transform(object, opts);
      return opts.protect ? [`${object.kind}/${object.metadata.name}`] : [];
    });
    expect(protectedKinds).toEqual(["Namespace/shortlinks-prod"]);
  });
});
