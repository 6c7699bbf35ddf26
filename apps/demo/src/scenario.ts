// `npm run scenario -- <errors|latency|db-down|not-ready> [--url] [--token] [--prometheus] [--hold]`
import { parseArgs } from "node:util";
import { z } from "zod";
import { runScenario } from "./run-scenario.js";
import { SCENARIOS } from "./scenarios.js";

const names = SCENARIOS.map((s) => s.name);
const usage = `usage: npm run scenario -- <${names.join("|")}> [--url URL] [--token TOKEN] [--prometheus URL] [--hold SECONDS]`;

const schema = z.object({
  name: z.enum(names as [string, ...string[]], {
    error: `the scenario must be one of: ${names.join(", ")}`,
  }),
  url: z.url({ protocol: /^https?$/ }),
  token: z.string({ error: "set API_TOKEN or --token (npm run demo prints it)" }).min(16),
  prometheus: z.url({ protocol: /^https?$/ }),
  hold: z.coerce.number().int().min(1).max(3600),
  pollMs: z.coerce.number().int().min(10).max(60_000),
});

function options() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: "string" },
        token: { type: "string" },
        prometheus: { type: "string" },
        hold: { type: "string" },
        "poll-ms": { type: "string" },
      },
    });
    const parsed = schema.safeParse({
      name: positionals[0],
      url: values.url ?? process.env.API_URL ?? "http://127.0.0.1:3000",
      token: values.token ?? process.env.API_TOKEN,
      prometheus: values.prometheus ?? process.env.PROMETHEUS_URL ?? "http://127.0.0.1:9090",
      hold: values.hold ?? "600",
      pollMs: values["poll-ms"] ?? "5000",
    });
    if (parsed.success) return parsed.data;
    throw new Error(
      parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("\n"),
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    process.exit(2);
  }
}

const { name, url, token, prometheus, hold, pollMs } = options();
const scenario = SCENARIOS.find((s) => s.name === name);
if (!scenario) process.exit(2);
const interrupted = new Promise<void>((resolve) => {
  process.once("SIGINT", () => {
    resolve();
  });
  process.once("SIGTERM", () => {
    resolve();
  });
});
try {
  await runScenario(scenario, {
    url,
    token,
    prometheus,
    holdSeconds: hold,
    pollMs,
    interrupted,
    print: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(
    `scenario ${name}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
