// `npm run demo`: the API on the embedded database with fault injection on, a fresh demo token,
// a few sample links, and every URL printed. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const port = process.env.PORT ?? "3000";
const base = `http://127.0.0.1:${port}`;
const token = process.env.API_TOKEN ?? `demo-${randomBytes(18).toString("base64url")}`;
const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));

const api = spawn(process.execPath, ["--import", "tsx", main], {
  env: {
    ...process.env,
    NODE_ENV: "development",
    PORT: port,
    API_TOKEN: token,
    FAULTS_ENABLED: "true",
    SHUTDOWN_DELAY_MS: "0",
    UI_MESSAGE: process.env.UI_MESSAGE ?? "Live demo: shorten a link, then inject a fault.",
  },
  stdio: ["ignore", "inherit", "inherit"],
});

// An object, not a boolean, because the signal handler flips it while this module awaits.
const state = { stopping: false };
const stop = (signal: NodeJS.Signals) => {
  if (state.stopping) return;
  state.stopping = true;
  api.kill(signal);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
api.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 0 : 1));
});

async function waitUntilReady(): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (state.stopping) return;
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not become ready at ${base} within 30 s`);
}

const SAMPLES = [
  ["rncp", "https://www.francecompetences.fr/recherche/rncp/36061/"],
  ["sre-book", "https://sre.google/workbook/alerting-on-slos/"],
  [
    "k8s-probes",
    "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
  ],
] as const;

async function seed(): Promise<void> {
  for (const [slug, url] of SAMPLES) {
    await fetch(`${base}/api/links`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ slug, url }),
    });
  }
}

await waitUntilReady();
if (!state.stopping) {
  await seed();
  const auth = `-H "Authorization: Bearer ${token}"`;
  process.stdout.write(`
  Shortlinks demo is ready (embedded PGlite database, fault injection ON)

  Home page     ${base}/
  API docs      ${base}/openapi.json
  Metrics       ${base}/metrics
  Probes        ${base}/livez  ${base}/readyz
  Demo token    ${token}

  Try:
    curl -i ${base}/rncp
    curl ${auth} -H "content-type: application/json" -X PUT ${base}/api/faults -d '{"errorRate":0.2,"durationSeconds":120}'
    curl ${auth} -X DELETE ${base}/api/faults

  Ctrl-C stops everything.
`);
}
