import type { Database } from "../db/database.js";

export interface Lifecycle {
  /** Set when shutdown starts: readiness fails so the load balancer stops sending traffic. */
  draining: boolean;
}

export type ReadinessResult =
  | { ready: true }
  | { ready: false; reason: "draining" | "fault_injected" | "database_unavailable" };

/** Ready only when not draining, not failed on purpose, and the database answers in time. */
export async function checkReadiness(deps: {
  lifecycle: Lifecycle;
  db: Database;
  timeoutMs: number;
  readinessFaulted: () => boolean;
}): Promise<ReadinessResult> {
  if (deps.lifecycle.draining) return { ready: false, reason: "draining" };
  if (deps.readinessFaulted()) return { ready: false, reason: "fault_injected" };
  try {
    await deps.db.ping(deps.timeoutMs);
    return { ready: true };
  } catch {
    return { ready: false, reason: "database_unavailable" };
  }
}
