// The built API as a child process, for tests (this workspace's, monitoring's, the load
// generator's, the demo's) and the load test: import { startApiProcess } from
// "@fil-rouge/api/process". It lives under test/, outside the build, so the image never ships it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";

export interface ApiProcess {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts the built API (dist/main.js: turbo builds it before a dependant's tests) on a free port
 * with the embedded database and faults on, and waits until it is ready.
 */
export async function startApiProcess(
  env: Record<string, string> = {},
  entry: string = fileURLToPath(new URL("../../dist/main.js", import.meta.url)),
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
