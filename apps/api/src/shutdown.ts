import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logger.js";
import type { Lifecycle } from "./ops/readiness.js";

export interface ShutdownDeps {
  server: Server;
  lifecycle: Lifecycle;
  logger: Logger;
  delayMs: number;
  drainTimeoutMs: number;
  /** Releases what the app holds once no request is left (database pool, timers). */
  release: () => Promise<void>;
}

/**
 * The drain sequence, readable top to bottom: fail readiness, wait for the load balancer to
 * notice, stop accepting, let in-flight requests finish, release resources.
 * Resolves with the exit code: 0 when every request finished, 1 when the drain deadline hit.
 */
export async function gracefulShutdown(deps: ShutdownDeps, signal: string): Promise<number> {
  const { server, lifecycle, logger } = deps;
  lifecycle.draining = true;
  logger.info(
    { signal, delayMs: deps.delayMs },
    "shutdown 1/4: readiness now fails; waiting before closing",
  );
  await sleep(deps.delayMs);

  logger.info("shutdown 2/4: no longer accepting connections; draining in-flight requests");
  const closed = new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  // close() ends only the connections idle right now. A keep-alive connection whose request was
  // already in flight goes idle later and would hold the server open until keepAliveTimeout,
  // so idle connections are closed again as requests finish.
  const sweep = setInterval(() => {
    server.closeIdleConnections();
  }, 50);
  server.closeIdleConnections();
  const drained = await Promise.race([
    closed.then(() => true),
    sleep(deps.drainTimeoutMs, false, { ref: false }),
  ]);
  clearInterval(sweep);
  if (!drained) {
    logger.error(
      { drainTimeoutMs: deps.drainTimeoutMs },
      "shutdown: drain deadline reached; closing remaining connections",
    );
    server.closeAllConnections();
  }

  logger.info("shutdown 3/4: releasing the database pool");
  await deps.release().catch((error: unknown) => {
    logger.error({ err: error }, "shutdown: releasing resources failed");
  });
  logger.info({ exitCode: drained ? 0 : 1 }, "shutdown 4/4: done");
  return drained ? 0 : 1;
}
