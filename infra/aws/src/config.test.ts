import { describe, expect, it } from "vitest";
import { parseStackConfig } from "./config.js";
import { readStackFile, stackSettings, STACKS } from "./stack-files.js";

const settings = (stack: string) => stackSettings(stack);
const dev = () => structuredClone(settings("dev")) as Record<string, Record<string, unknown>>;

describe("stack settings", () => {
  it.each(STACKS)("Pulumi.%s.yaml is valid and names its own environment", (stack) => {
    expect(parseStackConfig(settings(stack)).environment).toBe(stack);
  });

  it.each(STACKS)("Pulumi.%s.yaml holds no secret value", (stack) => {
    // Secrets are set with `pulumi config set --secret`, which writes `secure:` values; none is
    // needed in the committed files, and none may sneak in as plain text.
    const text = JSON.stringify(readStackFile(stack));
    expect(text).not.toMatch(/secure|password|token|AKIA[0-9A-Z]{16}/i);
  });

  it("refuses a public API endpoint with no allowed addresses, naming the key", () => {
    const raw = dev();
    raw.cluster = { ...raw.cluster, publicAccessCidrs: [] };
    expect(() => parseStackConfig(raw)).toThrow(
      /shortlinks-aws:cluster\.publicAccessCidrs: a public API endpoint needs/,
    );
  });

  it("refuses a public API endpoint open to the whole internet", () => {
    const raw = dev();
    raw.cluster = { ...raw.cluster, publicAccessCidrs: ["0.0.0.0/0"] };
    expect(() => parseStackConfig(raw)).toThrow(/never 0\.0\.0\.0\/0/);
  });

  it("refuses Kubernetes before 1.32 and PostgreSQL before 16", () => {
    const raw = dev();
    raw.cluster = { ...raw.cluster, version: "1.31" };
    raw.database = { ...raw.database, engineVersion: "15" };
    expect(() => parseStackConfig(raw)).toThrow(
      /cluster\.version: must be Kubernetes 1\.32 or later[\s\S]*database\.engineVersion: must be a PostgreSQL major version, 16/,
    );
  });

  it("refuses node counts out of order, and backups that expire before they go cold", () => {
    const raw = dev();
    raw.cluster = { ...raw.cluster, minSize: 3, desiredSize: 2 };
    raw.backups = { coldAfterDays: 60, expireDays: 45 };
    expect(() => parseStackConfig(raw)).toThrow(
      /minSize <= desiredSize <= maxSize[\s\S]*backups\.expireDays/,
    );
  });

  it("refuses fewer than three availability zones", () => {
    const raw = dev();
    raw.network = { ...raw.network, availabilityZones: 2 };
    expect(() => parseStackConfig(raw)).toThrow(/shortlinks-aws:network\.availabilityZones/);
  });

  it("refuses an unknown key, so a typo is not silently ignored", () => {
    const raw = dev();
    raw.database = { ...raw.database, multiAZ: true };
    expect(() => parseStackConfig(raw)).toThrow(/database: Unrecognized key: "multiAZ"/);
  });

  it("refuses an ops server image that is not one exact Debian 12 image", () => {
    // A wildcard would bring back "most recent": the server replaced whenever Debian publishes.
    for (const ami of ["debian-12-amd64-*", "debian-11-amd64-20240717-1811", "ubuntu-24.04"]) {
      const raw = dev();
      raw.opsServer = { ...raw.opsServer, ami };
      expect(() => parseStackConfig(raw), ami).toThrow(
        /shortlinks-aws:opsServer\.ami: must be the exact name of an official Debian 12 amd64 image/,
      );
    }
  });

  it("refuses a missing setting", () => {
    const raw = dev();
    delete raw.opsServer;
    expect(() => parseStackConfig(raw)).toThrow(/shortlinks-aws:opsServer/);
  });
});
