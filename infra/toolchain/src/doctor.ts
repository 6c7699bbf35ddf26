// `npm run doctor`: which optional machine tools are here, their versions, what each enables and
// how to install the missing ones (the list is ./machine-tools.ts, the one the tests read), plus
// whether a Docker engine and a PostgreSQL answer. Node 24 alone runs `npm test`; this says what
// the skipped tests would need.
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { dockerEngineReachable, locate, MACHINE_TOOLS, toolVersion } from "./machine-tools.js";

/** Whether something accepts TCP connections at host:port within a second. */
export function tcpReachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => {
      done(true);
    });
    socket.once("timeout", () => {
      done(false);
    });
    socket.once("error", () => {
      done(false);
    });
  });
}

/** The PostgreSQL the integration tests would use: TEST_DATABASE_URL, else 127.0.0.1:5432. */
export function databaseAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  if (!env.TEST_DATABASE_URL) return { host: "127.0.0.1", port: 5432 };
  const url = new URL(env.TEST_DATABASE_URL);
  return { host: url.hostname || "127.0.0.1", port: Number(url.port || 5432) };
}

export async function doctorReport(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const lines: string[] = [];
  let missing = 0;
  for (const tool of MACHINE_TOOLS) {
    const path = locate(tool.id, env);
    const name = tool.commands.join(" or ");
    if (path) {
      lines.push(`ok       ${name}: ${toolVersion(path, tool.versionArgs) ?? "?"} (${path})`);
      lines.push(`         enables ${tool.enables}`);
    } else {
      missing += 1;
      lines.push(`missing  ${name}`);
      lines.push(`         would enable ${tool.enables}`);
      lines.push(`         Debian: ${tool.debian}`);
      lines.push(`         macOS:  ${tool.macos}`);
    }
  }
  const engine = dockerEngineReachable(env);
  lines.push(
    engine
      ? "ok       Docker engine answers (docker info)"
      : "missing  Docker engine: no answer to docker info (the image tests skip; the database tests use TEST_DATABASE_URL or PGlite)",
  );
  const { host, port } = databaseAddress(env);
  const database = await tcpReachable(host, port);
  lines.push(
    database
      ? `ok       PostgreSQL answers at ${host}:${String(port)}`
      : `missing  PostgreSQL at ${host}:${String(port)}: the integration tests run on testcontainers or PGlite (Debian: sudo apt-get install postgresql | macOS: brew install postgresql@15)`,
  );
  lines.push(
    `${String(MACHINE_TOOLS.length - missing)} of ${String(MACHINE_TOOLS.length)} tools found; npm test runs without any of them and lists what it skipped at the end.`,
  );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${(await doctorReport()).join("\n")}\n`);
}
