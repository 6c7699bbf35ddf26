// The last lines of `npm test`: every test skipped for want of a machine tool, summed over the
// workspaces' reports/skips.jsonl (turbo restores them with a cached run), once, with the install
// line. Same style as the database fallback line "[integration database] ...".
//   tsx infra/toolchain/src/skip-summary.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machineTool, type ToolId } from "./machine-tools.js";
import { readSkips } from "./skips.js";

/** The folders the root package.json's `workspaces` patterns name (`apps/*` expanded). */
function workspaceFolders(root: string): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    workspaces: string[];
  };
  return workspaces
    .flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
        : [pattern],
    )
    .filter((folder) => existsSync(join(root, folder, "package.json")));
}

export function skipSummary(root: string): string[] {
  const byTool = new Map<ToolId, string[]>();
  for (const folder of workspaceFolders(root))
    for (const skip of readSkips(join(root, folder)))
      byTool.set(skip.tool, [...(byTool.get(skip.tool) ?? []), `${folder}: ${skip.what}`]);
  if (byTool.size === 0)
    return ["[skipped tests] none: every machine tool the tests use was found"];
  const count = [...byTool.values()].reduce((sum, list) => sum + list.length, 0);
  return [
    `[skipped tests] ${String(count)} group(s) of tests skipped, ${String(byTool.size)} tool(s) missing (npm run doctor says more):`,
    ...[...byTool].flatMap(([id, skipped]) => {
      const tool = machineTool(id);
      return [
        `  ${tool.commands.join(" or ")}: ${skipped.join("; ")}`,
        `    Debian: ${tool.debian} | macOS: ${tool.macos}`,
      ];
    }),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  process.stdout.write(`${skipSummary(root).join("\n")}\n`);
}
