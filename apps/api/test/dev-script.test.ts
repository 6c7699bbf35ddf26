import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";
import { expect, it } from "vitest";

const API = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(API, "..", "..");
const script = (
  JSON.parse(readFileSync(join(API, "package.json"), "utf8")) as {
    scripts: { dev: string };
  }
).scripts.dev;

// The README's `cp .env.example .env && npm run dev`: the dev script itself must read .env. It
// runs in a scratch folder (its own .env, the API's src/ linked in), never over a developer's.
it("npm run dev reads .env from the folder it runs in: the API listens on the port set there", async () => {
  const dir = mkdtempSync(join(tmpdir(), "api-dev-script-"));
  symlinkSync(join(API, "src"), join(dir, "src"));
  const port = await freePort();
  const token = "dev-script-token-0123456789";
  writeFileSync(
    join(dir, ".env"),
    `HOST=127.0.0.1\nPORT=${port}\nAPI_TOKEN=${token}\nLOG_LEVEL=warn\nDATABASE_URL=\nSHUTDOWN_DELAY_MS=0\nFAULTS_ENABLED=true\n`,
  );
  // Node's --env-file never overrides a variable already set: leave out what .env must provide.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !["HOST", "PORT", "API_TOKEN", "DATABASE_URL", "NODE_ENV", "FAULTS_ENABLED"].includes(name),
    ),
  );
  env.PATH = [join(API, "node_modules", ".bin"), join(ROOT, "node_modules", ".bin"), env.PATH].join(
    ":",
  );
  const child = spawn("sh", ["-c", `exec ${script}`], {
    cwd: dir,
    env,
    detached: true,
    stdio: "ignore",
  });
  try {
    // tsx watch outlives an API that failed to start (it waits for a change): only the time out
    // tells that .env was not read, well within the test's own.
    await waitForHttp(`http://127.0.0.1:${port}/readyz`, 30, () =>
      child.exitCode === null ? undefined : `npm run dev exited with code ${child.exitCode}`,
    );
    // The token set there, on a route of the service's own (whatever the application): the
    // fault state, which FAULTS_ENABLED from .env mounts and only the token may read.
    const faults = (authorization: string) =>
      fetch(`http://127.0.0.1:${port}/api/faults`, { headers: { authorization } });
    expect((await faults(`Bearer ${token}`)).status).toBe(200);
    expect((await faults("Bearer not-the-token-0123456789")).status).toBe(401);
  } finally {
    // tsx watch runs the API as its own child: stop the whole group.
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = once(child, "exit");
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
