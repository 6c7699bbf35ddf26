import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { TEST_TOKEN } from "./test-config.js";

export interface LogLine {
  msg?: string;
  url?: string;
  [key: string]: unknown;
}

export interface MainProcess {
  url: string;
  /** Every JSON log line so far, in the order the process wrote them. */
  lines: LogLine[];
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** src/main.ts as a real process (signals, exit codes, stdout), listening on a free port. */
export async function startMain(env: Record<string, string> = {}): Promise<MainProcess> {
  const main = fileURLToPath(new URL("../../src/main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      API_TOKEN: TEST_TOKEN,
      PORT: "0",
      HOST: "127.0.0.1",
      SHUTDOWN_DELAY_MS: "100",
      LOG_LEVEL: "info",
      DATABASE_URL: "",
      LOG_FORMAT: "json",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit") as Promise<[number | null]>;
  const lines: LogLine[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as LogLine;
      lines.push(entry);
      if (entry.msg === "listening" && entry.url) resolve(entry.url);
    });
    void exited.then(([code]) => {
      reject(new Error(`the API exited with ${String(code)} before listening`));
    });
  });
  return {
    url,
    lines,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}

/** src/migrate-main.ts (the Kubernetes init container) run to its end: exit code and stderr. */
export async function runMigrateMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const entry = fileURLToPath(new URL("../../src/migrate-main.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, API_TOKEN: TEST_TOKEN, LOG_LEVEL: "silent", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stderr };
}
