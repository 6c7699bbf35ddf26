import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { databaseAddress, doctorReport } from "./doctor.js";
import { MACHINE_TOOLS } from "./machine-tools.js";

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;

describe("npm run doctor", () => {
  it("with an empty PATH, reports every tool missing with its Debian and macOS install lines", async () => {
    const report = (
      await doctorReport({ PATH: "", TEST_DATABASE_URL: "postgres://x@127.0.0.1:9/x" })
    ).join("\n");
    for (const tool of MACHINE_TOOLS) {
      if ("extraDirs" in tool) continue;
      expect(report).toContain(`missing  ${tool.commands.join(" or ")}\n`);
      expect(report).toContain(`Debian: ${tool.debian}`);
      expect(report).toContain(`macOS:  ${tool.macos}`);
    }
    expect(report).toContain("missing  Docker engine");
    expect(report).toContain("missing  PostgreSQL at 127.0.0.1:9");
  });

  it("reports a tool found with the version it prints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doctor-"));
    writeFileSync(join(dir, "git"), "#!/bin/sh\necho 'git version 9.9.9'\n");
    chmodSync(join(dir, "git"), 0o755);
    const report = await doctorReport({ PATH: dir });
    expect(report).toContain(`ok       git: git version 9.9.9 (${join(dir, "git")})`);
  });

  it("with the real PATH, says ok exactly for the tools the shell finds", async () => {
    const report = await doctorReport();
    for (const tool of MACHINE_TOOLS) {
      if ("extraDirs" in tool || tool.id === "chromium") continue;
      const name = tool.commands.join(" or ");
      const found = tool.commands.some(onPath);
      expect(
        report.some((line) => line.startsWith(found ? `ok       ${name}: ` : `missing  ${name}`)),
        name,
      ).toBe(true);
    }
  });

  it("reads the database address from TEST_DATABASE_URL, else the local default", () => {
    expect(databaseAddress({})).toEqual({ host: "127.0.0.1", port: 5432 });
    expect(databaseAddress({ TEST_DATABASE_URL: "postgres://u@db.example:6543/app" })).toEqual({
      host: "db.example",
      port: 6543,
    });
  });
});
