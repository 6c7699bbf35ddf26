import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createServer } from "node:net";

export const API_TOKEN = "monitoring-test-token-0123456789";

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });

/** The built API (turbo builds it first: @fil-rouge/api is a dependency), on PGlite, faults on. */
export async function startApi(): Promise<{ url: string; stop: () => Promise<void> }> {
  const main = createRequire(import.meta.url).resolve("@fil-rouge/api");
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      API_TOKEN,
      FAULTS_ENABLED: "true",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      SHUTDOWN_DELAY_MS: "0",
      RATE_LIMIT_WRITES_PER_MINUTE: "100000",
    },
    // Its logs would drown the test report; a failing start shows up as a readiness timeout.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a busy 2-core CI machine, PGlite's start can take several seconds.
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null)
      throw new Error(`the API exited with code ${child.exitCode} before it was ready`);
    if (attempt >= 600) throw new Error(`the API was not ready at ${url} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
