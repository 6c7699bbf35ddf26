// The post-deployment smoke test (.github/workflows/deploy.yml): the service is ready, serves the
// build that was deployed, and does its job end to end, as the application's traffic description
// says (apps/loadgen/src/traffic/app-traffic.ts), removing what it created.
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { HttpClient } from "@fil-rouge/loadgen/http-client";
import type { AppTraffic } from "@fil-rouge/loadgen/traffic";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";

export interface SmokeOptions {
  url: string;
  token: string;
  /** The commit the deployed image was built from; checked against /version when given. */
  commit?: string;
  /** How long the service may take to become ready (a rollout just finished, DNS is fresh). */
  readySeconds: number;
  print: (line: string) => void;
  /** The application's traffic description; the sample's by default. */
  traffic?: AppTraffic;
}

export class SmokeTestFailure extends Error {}

async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
  if (response.status !== expected) {
    const body = (await response.text()).slice(0, 300);
    throw new SmokeTestFailure(`${what}: expected ${expected}, got ${response.status} ${body}`);
  }
}

export async function runSmokeTest(options: SmokeOptions): Promise<void> {
  const base = options.url.replace(/\/+$/, "");
  const step = (line: string) => {
    options.print(`ok  ${line}`);
  };

  await waitForHttp(`${base}/readyz`, options.readySeconds).catch((error: unknown) => {
    throw new SmokeTestFailure(
      `not ready: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  step("GET /readyz answers 200");

  const versionResponse = await fetch(`${base}/version`);
  await expectStatus(versionResponse, 200, "GET /version");
  const version = (await versionResponse.json()) as { version: string; commit: string };
  if (options.commit !== undefined && version.commit !== options.commit) {
    throw new SmokeTestFailure(
      `GET /version: serving commit ${version.commit}, expected ${options.commit}`,
    );
  }
  step(`GET /version: ${version.version} (${version.commit})`);

  const http = new HttpClient(base, options.token, 4);
  try {
    await (options.traffic ?? APP_TRAFFIC).smoke(http, step);
  } catch (error) {
    throw new SmokeTestFailure(error instanceof Error ? error.message : String(error));
  } finally {
    await http.close();
  }
}
