// The seam around the sample application: every file that names its domain is in docs/fork.md's
// list, and every entry of that list still matches such a file, so the list a fork works from is
// the whole truth. The domain's words live in infra/toolchain/src/sample-domain.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  filesNamingSampleDomain,
  matchingEntries,
  sampleDomainWord,
} from "@fil-rouge/toolchain/sample-domain";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./competency-map.js";
import { forkList } from "./fork-list.js";

describe("the sample app's seam (docs/fork.md)", () => {
  let named: { path: string; word: string }[] = [];
  let listed: string[] = [];
  beforeAll(() => {
    const fork = readFileSync(join(REPO_ROOT, "docs/fork.md"), "utf8");
    listed = [...forkList(fork, "sample-app"), ...forkList(fork, "generic-words")];
    named = filesNamingSampleDomain(REPO_ROOT);
  });

  it("recognises the domain's words, and not generic ones", () => {
    expect(sampleDomainWord("router.get('/:slug', redirect)")).toBe("slug");
    expect(sampleDomainWord("POST /api/links")).toBe("/api/links");
    expect(sampleDomainWord("see [the runbook](links.md) and symlinks")).toBeUndefined();
  });

  it("lists every file that names the sample domain", () => {
    const unlisted = named
      .filter(({ path }) => matchingEntries(path, listed).length === 0)
      .map(({ path, word }) => `${path} (names "${word}")`);
    expect(unlisted, "add each to docs/fork.md, or make it generic").toEqual([]);
  });

  it("lists no entry that matches none of those files", () => {
    const stale = listed.filter((glob) =>
      named.every(({ path }) => !matchingEntries(path, [glob]).length),
    );
    expect(stale, "remove these entries from docs/fork.md").toEqual([]);
  });
});
