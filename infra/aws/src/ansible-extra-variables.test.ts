import { describe, expect, it } from "vitest";
import { ansibleExtraVariables } from "./ansible-extra-variables.js";

describe("ansibleExtraVariables", () => {
  it("joins the role's settings as the key=value pairs ansible-playbook -e takes", () => {
    expect(ansibleExtraVariables({ a_b: "10.0.0.0/16", c: "eu-west-3" })).toBe(
      "a_b=10.0.0.0/16 c=eu-west-3",
    );
  });

  it("refuses, naming it, a value AWS-ApplyAnsiblePlaybooks would reject on every instance", () => {
    expect(() => ansibleExtraVariables({ endpoint: "https://example.com" })).toThrow(
      /ExtraVariables: endpoint=https:\/\/example\.com cannot pass/,
    );
    expect(() => ansibleExtraVariables({ name: "two words" })).toThrow(/name=two words/);
  });
});
