// The built API as a child process, for other workspaces' tests (monitoring, loadgen):
// import { startApiProcess } from "@fil-rouge/api/process".
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });

/**
 * Polls `url` until it answers 2xx. Fails after `seconds`, or as soon as `gaveUp` returns a
 * reason (the process being waited for has exited, say).
 */
export async function waitForHttp(
  url: string,
  seconds: number,
  gaveUp: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ApiProcess {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (dist/main.js, beside this module once built) on a free port with the
 * embedded database and faults on, and waits until it is ready.
 */
export async function startApiProcess(
  env: Record<string, string> = {},
  entry: string = fileURLToPath(new URL("main.js", import.meta.url)),
): Promise<ApiProcess> {
  const port = await freePort();
  const token = env.API_TOKEN ?? "api-process-token-0123456789";
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      API_TOKEN: token,
      FAULTS_ENABLED: "true",
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      SHUTDOWN_DELAY_MS: "0",
      RATE_LIMIT_WRITES_PER_MINUTE: "100000",
      ...env,
    },
    // Its logs would drown the caller's test report; a failed start shows as an error below.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a busy 2-core CI machine, PGlite's start can take several seconds.
  await waitForHttp(`${url}/readyz`, 60, () =>
    child.exitCode === null
      ? undefined
      : `the API exited with code ${child.exitCode} before it was ready`,
  );
  return {
    url,
    token,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
