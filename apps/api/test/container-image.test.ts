import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { dockerEngineReachable } from "@fil-rouge/toolchain/machine-tools";
import { recordSkip } from "@fil-rouge/toolchain/skips";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The real Dockerfile, built and run. Needs a Docker engine: .ci/run starts one here with
// ../shared/ci/offline-images.sh; elsewhere the tests skip with one line.
const run = promisify(execFile);
const engine = dockerEngineReachable();
if (!engine)
  recordSkip({ tool: "docker", what: "the production image, built and run (no engine)" });
const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const IMAGE = "shortlinks-api:image-test";
const BASE = "gcr.io/distroless/nodejs24-debian12:nonroot";
const TOKEN = "image-test-token-0123456789";
const BUILD = { VERSION: "9.9.9-test", COMMIT: "0123abc", BUILD_DATE: "2026-11-28T12:00:00Z" };
const APP_LAYERS_BUDGET_MB = 60;

const docker = async (...args: string[]) =>
  (await run("docker", args, { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const containers: string[] = [];

async function startContainer(
  env: Record<string, string> = {},
): Promise<{ id: string; url: string }> {
  const envArgs = Object.entries({ API_TOKEN: TOKEN, ...env }).flatMap(([k, v]) => [
    "-e",
    `${k}=${v}`,
  ]);
  const id = await docker(
    "run",
    "-d",
    "--read-only",
    "--tmpfs",
    "/tmp",
    "-p",
    "127.0.0.1::3000",
    ...envArgs,
    IMAGE,
  );
  containers.push(id);
  const port = (await docker("port", id, "3000/tcp")).split("\n")[0]?.split(":").at(-1);
  const url = `http://127.0.0.1:${port ?? ""}`;
  await waitForHttp(`${url}/readyz`, 60).catch(async (error: unknown) => {
    throw new Error(`container not ready (${String(error)}); logs:\n${await docker("logs", id)}`);
  });
  return { id, url };
}

if (!engine) {
  it.skip("container image: no Docker engine answers (`docker info` failed); .ci/run starts one", () =>
    undefined);
}

describe.runIf(engine)("the production image", () => {
  let url = "";
  let id = "";
  beforeAll(async () => {
    const buildArgs = Object.entries(BUILD).flatMap(([k, v]) => ["--build-arg", `${k}=${v}`]);
    await run("docker", ["build", "-f", "apps/api/Dockerfile", "-t", IMAGE, ...buildArgs, "."], {
      cwd: REPO,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOCKER_BUILDKIT: "1" },
    });
    ({ id, url } = await startContainer({ FAULTS_ENABLED: "true", SHUTDOWN_DELAY_MS: "500" }));
  }, 900_000);
  afterAll(async () => {
    if (containers.length > 0) await docker("rm", "-f", ...containers).catch(() => "");
  });

  it("serves probes, metrics and the build information, on a read-only root filesystem", async () => {
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(
      `app_build_info{version="${BUILD.VERSION}",commit="${BUILD.COMMIT}"} 1`,
    );
    expect(await (await fetch(`${url}/version`)).json()).toMatchObject({
      version: BUILD.VERSION,
      commit: BUILD.COMMIT,
      buildDate: BUILD.BUILD_DATE,
    });
    const inspect = JSON.parse(await docker("inspect", id)) as [
      { HostConfig: { ReadonlyRootfs: boolean } },
    ];
    expect(inspect[0].HostConfig.ReadonlyRootfs).toBe(true);
  });

  it("carries the OCI labels", async () => {
    const labels = JSON.parse(
      await docker("image", "inspect", "-f", "{{json .Config.Labels}}", IMAGE),
    ) as Record<string, string>;
    expect(labels).toMatchObject({
      "org.opencontainers.image.version": BUILD.VERSION,
      "org.opencontainers.image.revision": BUILD.COMMIT,
      "org.opencontainers.image.licenses": "Apache-2.0",
    });
    expect(labels["org.opencontainers.image.source"]).toMatch(/^https:\/\//);
  });

  it("runs node as PID 1 under a numeric non-root user", async () => {
    expect(await docker("image", "inspect", "-f", "{{.Config.User}}", IMAGE)).toBe("65532:65532");
    const top = (await docker("top", id, "-eo", "uid,pid,args")).split("\n").slice(1);
    expect(top).toHaveLength(1);
    expect(top[0]).toMatch(/^\s*65532\s+\d+\s+\/nodejs\/bin\/node apps\/api\/dist\/main\.js/);
  });

  it("holds no dev dependency, test file or test source map", async () => {
    const listing = await docker(
      "run",
      "--rm",
      "--entrypoint",
      "/nodejs/bin/node",
      IMAGE,
      "-e",
      `const fs=require("fs"),p=require("path");const out=[];const walk=d=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory()){if(!f.includes("node_modules"))walk(f)}else out.push(f)}};walk("/app/apps");console.log(JSON.stringify({modules:fs.readdirSync("/app/node_modules"),files:out}))`,
    );
    const { modules, files } = JSON.parse(listing) as { modules: string[]; files: string[] };
    const devOnly = [
      "vitest",
      "typescript",
      "eslint",
      "tsx",
      "supertest",
      "testcontainers",
      "autocannon",
      "pino-pretty",
      "turbo",
      "prettier",
    ];
    for (const name of devOnly)
      expect(modules, `${name} must not be in the image`).not.toContain(name);
    expect(files.filter((f) => /\.test\.|\/test\/|\/bench\/|\/scripts\//.test(f))).toEqual([]);
    // The launcher other workspaces' tests start the API with shipped in dist/ when it sat in src/.
    expect(files.filter((f) => /api-process|free-port|wait-for-http/.test(f))).toEqual([]);
    expect(files.some((f) => f.endsWith("/dist/main.js"))).toBe(true);
    expect(files.some((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toBe(false);
  });

  it("finishes an in-flight request on SIGTERM and exits 0 before the deadline", async () => {
    const { id: stopping, url: stoppingUrl } = await startContainer({
      FAULTS_ENABLED: "true",
      SHUTDOWN_DELAY_MS: "500",
    });
    const faults = await fetch(`${stoppingUrl}/api/faults`, {
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      // The home page: every application has one, behind the fault middleware (src/feature.ts).
      body: JSON.stringify({ latencyMs: 2000, routes: ["/"] }),
    });
    expect(faults.status).toBe(200);
    const slow = fetch(`${stoppingUrl}/`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // docker stop sends STOPSIGNAL (SIGTERM) and would SIGKILL (exit 137) after 20 s.
    await docker("stop", "-t", "20", stopping);
    expect((await slow).status).toBe(200);
    expect(await docker("inspect", "-f", "{{.State.ExitCode}}", stopping)).toBe("0");
    const logs = await run("docker", ["logs", stopping]).then((r) => r.stdout + r.stderr);
    expect(logs).toContain("shutdown 4/4: done");
  });

  it(`keeps the app's own layers within ${APP_LAYERS_BUDGET_MB} MB`, async () => {
    const size = async (image: string) =>
      Number(await docker("image", "inspect", "-f", "{{.Size}}", image));
    const total = await size(IMAGE);
    const base = await size(BASE);
    const appMb = (total - base) / 1_000_000;
    console.info(
      `[image size] ${IMAGE}: ${(total / 1_000_000).toFixed(1)} MB, of which app layers ${appMb.toFixed(1)} MB (base ${(base / 1_000_000).toFixed(1)} MB)`,
    );
    expect(appMb).toBeLessThanOrEqual(APP_LAYERS_BUDGET_MB);
  });
});
