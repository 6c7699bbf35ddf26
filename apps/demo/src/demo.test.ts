import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { APP_TRAFFIC } from "@fil-rouge/loadgen/app-traffic";
import { HttpClient } from "@fil-rouge/loadgen/http-client";
import { freePort } from "@fil-rouge/toolchain/free-port";
import { describe, expect, it } from "vitest";

describe("npm run demo", () => {
  it("starts the API, traffic and (when installed) Prometheus and Alertmanager; Ctrl-C stops them all", async () => {
    const [port, promPort, amPort, notificationsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const demo = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("demo.ts", import.meta.url))],
      {
        env: {
          ...process.env,
          PORT: String(port),
          PROMETHEUS_PORT: String(promPort),
          ALERTMANAGER_PORT: String(amPort),
          NOTIFICATIONS_PORT: String(notificationsPort),
          LOADGEN_QUIET: "true",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    await new Promise<void>((resolve, reject) => {
      demo.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ctrl-C stops everything")) resolve();
      });
      demo.on("exit", (code) => {
        reject(new Error(`demo exited early with ${String(code)}:\n${output}`));
      });
    });
    const token = /Demo token\s+(\S+)/.exec(output)?.[1];
    expect(token).toMatch(/^demo-/);
    const base = `http://127.0.0.1:${port}`;
    // The application does its job in the demo (its smoke checks, apps/loadgen/src/traffic/).
    const http = new HttpClient(base, token);
    await APP_TRAFFIC.smoke(http, () => undefined);
    await http.close();
    expect(
      (await fetch(`${base}/api/faults`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);

    // The notification receiver answers, and the home page's fault panel reads its list.
    const notifications = `http://127.0.0.1:${notificationsPort}`;
    expect((await fetch(`${notifications}/notifications`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).text()).toContain('id="fault-panel"');
    const panel = (await (await fetch(`${base}/api/panel/status`)).json()) as {
      notifications: unknown;
      prometheus: unknown;
    };
    expect(panel.notifications).toEqual({ items: [] });
    expect(panel.prometheus === null).toBe(!output.includes("Prometheus      http"));
    const started = [base, notifications];
    if (output.includes("Prometheus      http")) {
      started.push(`http://127.0.0.1:${promPort}`);
      const jobs = async () => {
        const body = (await (
          await fetch(`http://127.0.0.1:${promPort}/api/v1/targets`)
        ).json()) as { data: { activeTargets: { labels: { job: string } }[] } };
        return body.data.activeTargets.map((t) => t.labels.job);
      };
      await expect.poll(jobs, { timeout: 15_000 }).toContain("shortlinks-api");
    }
    if (output.includes("Alertmanager    http")) {
      started.push(`http://127.0.0.1:${amPort}`);
      // Alertmanager loaded the local variant: its receivers post to the demo's receiver.
      const status = (await (await fetch(`http://127.0.0.1:${amPort}/api/v2/status`)).json()) as {
        config: { original: string };
      };
      expect(status.config.original).toContain(`${notifications}/alertmanager`);
    }

    // Traffic flows: the loadgen's requests show in the API's own counters.
    const requests = async () =>
      Number(
        /shortlinks_redirects_total\{result="found"\} (\d+)/.exec(
          await (await fetch(`${base}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const before = await requests();
    await expect.poll(requests, { timeout: 15_000 }).toBeGreaterThan(before + 2);

    demo.removeAllListeners("exit");
    demo.kill("SIGINT");
    const [code] = (await once(demo, "exit")) as [number | null];
    expect(code).toBe(0);
    for (const url of started) await expect(fetch(url)).rejects.toThrow();
  });
});
