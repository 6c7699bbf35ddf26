import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatedFiles, MONITORING_DIR } from "./generated-files.js";

describe("generated files", () => {
  it.each([...generatedFiles()])(
    "%s is committed and up to date (npm run generate)",
    (path, content) => {
      const file = join(MONITORING_DIR, path);
      expect(existsSync(file), `${path} exists`).toBe(true);
      expect(readFileSync(file, "utf8") === content, `${path} matches the generator`).toBe(true);
    },
  );
});
