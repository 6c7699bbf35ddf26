import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });

describe("npm run demo", () => {
  it("starts the API with faults on, prints the token, seeds links, and stops cleanly on Ctrl-C", async () => {
    const port = await freePort();
    const demo = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("demo.ts", import.meta.url))],
      {
        env: { ...process.env, PORT: String(port), LOG_FORMAT: "json", LOG_LEVEL: "warn" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    const ready = new Promise<void>((resolve) => {
      demo.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ctrl-C stops everything")) resolve();
      });
    });
    await ready;
    const token = /Demo token\s+(\S+)/.exec(output)?.[1];
    expect(token).toMatch(/^demo-/);
    const base = `http://127.0.0.1:${port}`;
    const redirect = await fetch(`${base}/rncp`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const faults = await fetch(`${base}/api/faults`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(faults.status).toBe(200);

    demo.kill("SIGINT");
    const [code] = (await once(demo, "exit")) as [number | null];
    expect(code).toBe(0);
    await expect(fetch(`${base}/livez`)).rejects.toThrow();
  });
});
