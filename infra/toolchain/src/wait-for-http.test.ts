import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "./free-port.js";
import { waitForHttp } from "./wait-for-http.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server on `port` that answers `status`, started after `delayMs`. */
function serveLater(port: number, status: number, delayMs: number) {
  setTimeout(() => {
    const server = createServer((_req, res) => res.writeHead(status).end());
    servers.push(server);
    server.listen(port, "127.0.0.1");
  }, delayMs);
}

describe("waitForHttp", () => {
  it("returns once the URL answers 2xx, polling while nothing listens", async () => {
    const port = await freePort();
    serveLater(port, 200, 300);
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, 10)).resolves.toBeUndefined();
  });

  it("keeps waiting while the URL answers an error, and fails after the given seconds", async () => {
    const port = await freePort();
    serveLater(port, 503, 0);
    const started = Date.now();
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, 1)).rejects.toThrow(
      `http://127.0.0.1:${port}/ did not answer within 1 s`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("fails at once with the reason gaveUp gives", async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(
      waitForHttp(`http://127.0.0.1:${port}/`, 60, () => "the process exited with code 1"),
    ).rejects.toThrow("the process exited with code 1");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
