import { MockMonitor } from "@pulumi/pulumi/runtime/mocks.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStackConfig } from "./config.js";
import { GITHUB_OIDC_URL } from "./github-oidc-provider.js";
import { runStack } from "./program-under-mocks.js";
import { stackSettings, STACKS } from "./stack-files.js";

// Resource options do not reach the mocks' newResource; the mock monitor receives them in the
// registration request (@pulumi/pulumi 3.x runtime/mocks.js), so the test reads them there.
const retained: boolean[] = [];
interface Request {
  getType(): string;
  getRetainondelete(): boolean;
}
const monitor = MockMonitor.prototype;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the monitor as this
const register = monitor.registerResource;
monitor.registerResource = function (this: MockMonitor, req: Request, callback) {
  if (req.getType() === "aws:iam/openIdConnectProvider:OpenIdConnectProvider")
    retained.push(req.getRetainondelete());
  return register.call(this, req, callback);
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded inputs are untyped JSON
type Props = Record<string, any>;

describe.each(STACKS)("GitHub's OIDC provider in stack %s", (stack) => {
  const mode = parseStackConfig(stackSettings(stack)).githubOidcProvider;
  let run: Awaited<ReturnType<typeof runStack>>;
  const githubProviders = () =>
    run.resources.filter(
      (r) =>
        r.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider" &&
        (r.props as Props).url === GITHUB_OIDC_URL,
    );
  beforeAll(async () => {
    retained.length = 0;
    run = await runStack(stack);
  });

  it(`is ${mode === "create" ? "created, and kept on destroy" : "looked up, never created"}`, () => {
    const lookups = run.calls.filter(
      (c) => c.token === "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider",
    );
    if (mode === "create") {
      expect(githubProviders()).toHaveLength(1);
      expect(lookups).toEqual([]);
      expect(retained).toEqual([true]);
    } else {
      expect(githubProviders()).toEqual([]);
      expect(lookups.map((c) => c.inputs.url)).toEqual([GITHUB_OIDC_URL]);
    }
  });

  it("is the one every GitHub role trusts", () => {
    const arn =
      mode === "create"
        ? (githubProviders()[0]!.props as Props).arn
        : "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const githubRoles = run.resources.filter(
      (r) => r.type === "aws:iam/role:Role" && r.name.includes("-github-"),
    );
    expect(githubRoles.length).toBeGreaterThan(0);
    for (const role of githubRoles) {
      const trust = JSON.parse((role.props as Props).assumeRolePolicy as string) as Props;
      expect(trust.Statement[0].Principal, role.name).toEqual({ Federated: arn });
    }
  });
});

describe("the stack setting", () => {
  it("is create in exactly one stack of the shared account", () => {
    expect(
      STACKS.filter((s) => parseStackConfig(stackSettings(s)).githubOidcProvider === "create"),
    ).toEqual(["dev"]);
  });
});
