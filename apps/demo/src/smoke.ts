// The post-deployment smoke test (.github/workflows/deploy.yml): the service is ready, serves the
// build that was deployed, and does its job end to end. Every link it creates it deletes again.
import { randomBytes } from "node:crypto";
import { waitForHttp } from "@fil-rouge/toolchain/wait-for-http";

export interface SmokeOptions {
  url: string;
  token: string;
  /** The commit the deployed image was built from; checked against /version when given. */
  commit?: string;
  /** How long the service may take to become ready (a rollout just finished, DNS is fresh). */
  readySeconds: number;
  print: (line: string) => void;
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
  const auth = { authorization: `Bearer ${options.token}` };
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

  const slug = `smoke-${randomBytes(4).toString("hex")}`;
  const target = `https://example.org/smoke/${slug}`;
  const created = await fetch(`${base}/api/links`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ slug, url: target }),
  });
  await expectStatus(created, 201, "POST /api/links");
  step(`POST /api/links created ${slug}`);

  try {
    const redirect = await fetch(`${base}/${slug}`, { redirect: "manual" });
    const location = redirect.headers.get("location");
    if (![301, 302, 307, 308].includes(redirect.status) || location !== target) {
      throw new SmokeTestFailure(
        `GET /${slug}: expected a redirect to ${target}, got ${redirect.status} ${location ?? ""}`,
      );
    }
    step(`GET /${slug} redirects to ${target}`);
  } finally {
    const deleted = await fetch(`${base}/api/links/${slug}`, { method: "DELETE", headers: auth });
    await expectStatus(deleted, 204, `DELETE /api/links/${slug}`);
    step(`DELETE /api/links/${slug} cleaned up`);
  }
}
