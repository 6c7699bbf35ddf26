// npm run smoke -- --url https://staging.example.org [--commit <sha>] [--ready-seconds 120]
// The token comes from API_TOKEN (an argument would show in process lists and CI logs).
import { parseArgs } from "node:util";
import { runSmokeTest, SmokeTestFailure } from "./smoke.js";

const USAGE =
  "usage: npm run smoke -- --url <base url> [--commit <sha>] [--ready-seconds <n>], with API_TOKEN set";

try {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      commit: { type: "string" },
      "ready-seconds": { type: "string", default: "120" },
    },
  });
  const token = process.env.API_TOKEN;
  const readySeconds = Number(values["ready-seconds"]);
  if (!values.url || !/^https?:\/\//.test(values.url))
    throw new SmokeTestFailure(`--url must be an http(s) URL\n${USAGE}`);
  if (!token) throw new SmokeTestFailure(`API_TOKEN is not set\n${USAGE}`);
  if (!Number.isInteger(readySeconds) || readySeconds <= 0) {
    throw new SmokeTestFailure(`--ready-seconds must be a positive integer\n${USAGE}`);
  }
  await runSmokeTest({
    url: values.url,
    token,
    readySeconds,
    print: (line) => process.stdout.write(`${line}\n`),
    ...(values.commit ? { commit: values.commit } : {}),
  });
  process.stdout.write("smoke test passed\n");
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`smoke test failed: ${message}\n`);
  process.exit(1);
}
