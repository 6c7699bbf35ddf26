import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every workspace has a README, and the root README's "What is where" table links to it.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const patterns = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { workspaces: string[] }
).workspaces;
const workspaces = patterns.flatMap((pattern) =>
  pattern.endsWith("/*")
    ? readdirSync(join(ROOT, pattern.slice(0, -2)))
        .map((d) => `${pattern.slice(0, -2)}/${d}`)
        .filter((folder) => existsSync(join(ROOT, folder, "package.json")))
    : [pattern],
);
const rootReadme = readFileSync(join(ROOT, "README.md"), "utf8");
const table = rootReadme.slice(
  rootReadme.indexOf("## What is where"),
  rootReadme.indexOf("## Everyday commands"),
);

describe.each(workspaces)("workspace %s", (workspace) => {
  it("has a README that the root README's table links to", () => {
    expect(existsSync(join(ROOT, workspace, "README.md"))).toBe(true);
    expect(table).toContain(`](${workspace}/README.md)`);
  });
});
