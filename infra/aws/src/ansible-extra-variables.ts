// The document's own validation of ExtraVariables (AWS-ApplyAnsiblePlaybooks, parameter
// allowedPattern): space-separated key=value pairs, no shell metacharacters, no colon.
const EXTRA_VARIABLE_VALUE = /^[^\s|:();&]+$/;

/**
 * ExtraVariables of AWS-ApplyAnsiblePlaybooks: the document passes them to `ansible-playbook -e`,
 * so every value must pass its pattern; one that cannot (a URL has a colon) is refused here, at
 * preview, instead of failing on every instance.
 */
export function ansibleExtraVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => {
      if (!/^\w+$/.test(name) || !EXTRA_VARIABLE_VALUE.test(value)) {
        throw new Error(
          `ExtraVariables: ${name}=${value} cannot pass through AWS-ApplyAnsiblePlaybooks (no space, colon, |, ;, &, ( or ))`,
        );
      }
      return `${name}=${value}`;
    })
    .join(" ");
}
