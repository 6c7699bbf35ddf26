import { describe, expect, it } from "vitest";
import { ENVIRONMENTS, parseClusterConfig } from "./config.js";
import { readStackFile, stackSettings } from "./stack-files.js";

const settings = (stack: string) => stackSettings(stack);

describe("cluster stack settings", () => {
  it.each(ENVIRONMENTS)(
    "Pulumi.%s.yaml is valid and builds on the infra/aws stack of its name",
    (stack) => {
      const config = parseClusterConfig(settings(stack));
      expect(config.awsStack).toMatch(new RegExp(`/shortlinks-aws/${stack}$`));
      expect(config.imageDigest).toBeUndefined();
    },
  );

  it.each(ENVIRONMENTS)("Pulumi.%s.yaml holds no secret value", (stack) => {
    expect(Object.keys(settings(stack))).not.toEqual(expect.arrayContaining(["smtpPassword"]));
    expect(JSON.stringify(readStackFile(stack))).not.toMatch(/secure|password|token/i);
  });

  it("uses Let's Encrypt's trusted endpoint outside dev", () => {
    expect(ENVIRONMENTS.map((s) => parseClusterConfig(settings(s)).letsEncrypt)).toEqual([
      "staging",
      "production",
      "production",
    ]);
  });

  it("refuses an image reference that is not a full digest, and names the key", () => {
    expect(() => parseClusterConfig({ ...settings("dev"), imageDigest: "latest" })).toThrow(
      /shortlinks-cluster:imageDigest: must be sha256:<64 hex digits>/,
    );
  });

  it("refuses an awsStack of another project, a dev overlay, and an unknown key", () => {
    expect(() =>
      parseClusterConfig({
        ...settings("dev"),
        awsStack: "org/other/dev",
        appOverlay: "dev",
        replicas: 3,
      }),
    ).toThrow(
      /awsStack: must be <organization>\/shortlinks-aws\/<stack>[\s\S]*appOverlay[\s\S]*Unrecognized key: "replicas"/,
    );
  });
});
