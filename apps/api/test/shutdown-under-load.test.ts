import { describe, expect, it } from "vitest";
import { startService } from "../src/server.js";
import { PROBE_APPLICATION, PROBE_ROUTES } from "./support/probe-feature.js";
import { testConfig } from "./support/test-config.js";
import { silentLogger } from "./support/test-database.js";

interface Attempt {
  startedAfterSignal: boolean;
  status?: number;
  error?: string;
}

// Around the harness's own application (test/support/probe-feature.ts): any application drains so.
describe("SIGTERM under steady load", () => {
  it("fails no request started before the signal, refuses new connections once draining, and exits 0", async () => {
    const service = await startService(
      testConfig({ SHUTDOWN_DELAY_MS: "300", RATE_LIMIT_WRITES_PER_MINUTE: "100000" }),
      silentLogger,
      { application: PROBE_APPLICATION },
    );
    const base = service.url;

    const attempts: Attempt[] = [];
    const clock = { signalled: false, closed: false };
    const worker = async (i: number) => {
      while (!clock.closed) {
        const attempt: Attempt = { startedAfterSignal: clock.signalled };
        attempts.push(attempt);
        try {
          // A parameterised read and a database round trip, in turns.
          const response = await fetch(`${base}${i % 2 ? "/api/items/1" : PROBE_ROUTES.list}`);
          await response.arrayBuffer();
          attempt.status = response.status;
        } catch (error) {
          attempt.error = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
          // Behind a real load balancer no new connection arrives after readiness failed; here
          // the clients keep coming, so once the listener closes they are refused or reset.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    await new Promise((resolve) => setTimeout(resolve, 300)); // steady load before the signal
    clock.signalled = true;
    const exitCode = await service.shutdown("SIGTERM");
    clock.closed = true;
    await Promise.all(workers);

    const before = attempts.filter((a) => !a.startedAfterSignal);
    const after = attempts.filter((a) => a.startedAfterSignal);
    expect(before.length).toBeGreaterThan(20);
    expect(before.filter((a) => a.error !== undefined || (a.status ?? 500) >= 500)).toEqual([]);
    expect(after.filter((a) => (a.status ?? 0) >= 500)).toEqual([]);
    expect(after.some((a) => a.error === "ECONNREFUSED")).toBe(true);
    expect(exitCode).toBe(0);
  });
});
