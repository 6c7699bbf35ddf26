import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { workspaceFolders } from "../src/workspaces.js";

// Every workspace has a README, and the root README's "What is where" table links to it.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const workspaces = workspaceFolders(ROOT);
const rootReadme = readFileSync(join(ROOT, "README.md"), "utf8");
const table = rootReadme.slice(
  rootReadme.indexOf("## What is where"),
  rootReadme.indexOf("## Competencies of the title"),
);

describe.each(workspaces)("workspace %s", (workspace) => {
  it("has a README that the root README's table links to", () => {
    expect(existsSync(join(ROOT, workspace, "README.md"))).toBe(true);
    expect(table).toContain(`](${workspace}/README.md)`);
  });
});
