// Blocker 1 of the first deployment: the policy pack's mandatory `required-tags` rule must accept
// every AWS resource, including those pulumi-eks and awsx create inside their own code (under
// mocks they create none, so their children come from component-children.ts, read from their
// sources). The tags reach all of them one way: the program's single AWS provider and its
// defaultTags, given to each resource (`provider`) and each component (`providers.aws`).
import * as aws from "@pulumi/aws";
import { evaluatePolicies, type RecordedResource } from "@fil-rouge/infra-policies/evaluate";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPONENT_CHILDREN } from "./component-children.js";
import { runStack } from "./program-under-mocks.js";
import { readStackFile, STACKS } from "./stack-files.js";

/** The required-tags violations the policy pack reports for these resources. */
async function tagViolations(resources: RecordedResource[]): Promise<string[]> {
  const violations = await evaluatePolicies(resources);
  return violations.filter((v) => v.policy === "required-tags").map((v) => v.resource);
}

/** `iam.OpenIdConnectProvider` → the class of @pulumi/aws, its type token and whether it takes tags. */
function awsClass(path: string) {
  const [module, name] = path.split(".") as [string, string];
  const cls = (aws as unknown as Record<string, Record<string, { __pulumiType: string }>>)[
    module
  ]?.[name];
  if (!cls) throw new Error(`@pulumi/aws has no class ${path}`);
  // The generated class of a taggable resource declares the provider-computed `tagsAll` output.
  return {
    type: cls.__pulumiType,
    taggable: Function.prototype.toString.call(cls).includes('"tagsAll"'),
  };
}

describe.each(STACKS)("stack %s: every AWS resource is tagged through one provider", (stack) => {
  let run: Awaited<ReturnType<typeof runStack>>;
  let providerRef: string;
  let defaultTags: Record<string, string>;
  beforeAll(async () => {
    run = await runStack(stack);
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
    expect(providers.map((p) => p.name)).toEqual([`shortlinks-${stack}-aws`]);
    const provider = providers[0]!;
    defaultTags = JSON.parse(String(provider.props.defaultTags)).tags;
    // A provider reference is `<urn>::<id>`.
    providerRef = `urn:pulumi:${stack}::shortlinks-aws::pulumi:providers:aws::${provider.name}::${provider.name}-id`;
  });

  it("gives the provider the stack's region and, as default tags, the tags the policy pack requires", async () => {
    const provider = run.resources.find((r) => r.type === "pulumi:providers:aws")!;
    expect(provider.props.region).toBe(readStackFile(stack)["aws:region"]);
    // The rule itself judges: a role with no tags of its own is refused, and accepted once the
    // provider's default tags are merged in (what pulumi-aws does in Check, pulumi-aws#2655).
    const role = { type: "aws:iam/role:Role", name: "probe", props: {} };
    expect(await tagViolations([role])).toEqual(["probe"]);
    expect(await tagViolations([{ ...role, props: { tagsAll: defaultTags } }])).toEqual([]);
  });

  it("creates every AWS resource, and asks every AWS function, through that provider", () => {
    const awsResources = run.registrations.filter((r) => r.type.startsWith("aws:"));
    expect(awsResources.length).toBeGreaterThan(30);
    const elsewhere = awsResources.filter((r) => r.provider !== providerRef);
    expect(elsewhere.map((r) => `${r.type} ${r.name} ${r.provider}`)).toEqual([]);
    const awsCalls = run.invokeProviders.filter((c) => c.token.startsWith("aws:"));
    expect(awsCalls.length).toBeGreaterThan(0);
    expect(awsCalls.filter((c) => c.provider !== providerRef)).toEqual([]);
  });

  it("hands that provider to every component, for the children it creates", () => {
    const components = run.registrations.filter((r) => !/^(aws|random|pulumi):/.test(r.type));
    // A new component needs its children listed in component-children.ts first.
    expect(components.map((c) => c.type).sort()).toEqual(Object.keys(COMPONENT_CHILDREN).sort());
    for (const component of components) {
      expect(component.providers.aws, `${component.type} ${component.name}`).toBe(providerRef);
    }
  });

  it.each(Object.entries(COMPONENT_CHILDREN))(
    "tags every taggable child of %s (types read from its source)",
    async (componentType, { files }) => {
      const children = [...new Set(Object.values(files).flat())].map(awsClass);
      const taggable = children.filter((c) => c.taggable);
      expect(taggable.length).toBeGreaterThan(0);
      if (componentType === "eks:index:Cluster") {
        // The child that blocked the first preview (cluster.ts of pulumi-eks 4.3.0, no tags).
        expect(taggable.map((c) => c.type)).toContain(
          "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        );
      }
      const bare = taggable.map((c) => ({ type: c.type, name: c.type, props: {} }));
      // The rule sees each of them as taggable, even made with no tags at all...
      expect((await tagViolations(bare)).sort()).toEqual(taggable.map((c) => c.type).sort());
      // ...and accepts each with the default tags of the provider the component passes down.
      const viaProvider = bare.map((c) => ({ ...c, props: { tagsAll: defaultTags } }));
      expect(await tagViolations(viaProvider)).toEqual([]);
      const component = run.registrations.find((r) => r.type === componentType);
      expect(component?.providers.aws).toBe(providerRef);
    },
  );
});
