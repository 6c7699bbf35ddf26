import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { awsOutputs } from "./program-under-mocks.js";

// The program reads infra/aws's outputs by name (aws-stack.ts, requireOutput: a missing one stops
// the preview). The mocks give every output it reads, or the runs would fail; each of those names
// must be an output the infra/aws program really exports (its entry point, src/index.ts).
const awsEntryPoint = readFileSync(new URL("../../aws/src/index.ts", import.meta.url), "utf8");

describe("the infra/aws outputs this program reads", () => {
  it("are all exported by infra/aws", () => {
    const block = /export const \{([^}]+)\} = outputs;/.exec(awsEntryPoint)?.[1] ?? "";
    const exported = block
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean);
    expect(exported.length).toBeGreaterThan(10);
    expect(exported).toEqual(expect.arrayContaining(Object.keys(awsOutputs("dev"))));
  });
});
