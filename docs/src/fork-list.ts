// docs/fork.md's lists of files (```text <name> blocks): the sample app's files, and the files
// that use its words in a generic sense. Read by the seam test and the rehearsal.

/** The globs of a fenced block of fork.md (```text <name>), comments left out. */
export function forkList(markdown: string, name: string): string[] {
  const block = new RegExp("^```text " + name + "\\n([\\s\\S]*?)^```", "m").exec(markdown);
  if (!block?.[1]) throw new Error(`docs/fork.md has no \`\`\`text ${name} block`);
  return block[1]
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}
