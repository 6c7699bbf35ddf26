// Writes every generated file of monitoring/ (rules, rule tests, dashboards, Kubernetes objects).
// `--check` writes nothing and exits 1 when a committed file differs from what it would write.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedFiles, MONITORING_DIR } from "./generated-files.js";

const check = process.argv.includes("--check");
const stale: string[] = [];
for (const [path, content] of generatedFiles()) {
  const target = join(MONITORING_DIR, path);
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (current === content) continue;
  if (check) {
    stale.push(path);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`wrote ${path}\n`);
  }
}
if (stale.length > 0) {
  process.stderr.write(
    `stale generated files (run npm run generate -w @fil-rouge/monitoring):\n  ${stale.join("\n  ")}\n`,
  );
  process.exit(1);
}
