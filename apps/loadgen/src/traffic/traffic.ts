// What an application's traffic looks like, described once (traffic/app-traffic.ts) and used by
// every source of requests: the load generator, the demo's data, the scenarios' background
// traffic, the post-deployment smoke test and monitoring's end-to-end test. A fork that brings its
// own application writes its own app-traffic.ts against these types (docs/fork.md).
import type { HttpClient } from "./http-client.js";

export interface TrafficOperation {
  readonly name: string;
  /** Its share of the traffic: weight out of the sum of all weights. */
  readonly weight: number;
  /** Needs the token: a client without one never sends it. */
  readonly writes: boolean;
  /** A 2xx or 3xx answer, or a 4xx the operation provokes on purpose (a wrong id, bad input). */
  readonly expects: "success" | "client-error";
}

/** One client's traffic: what it learned (ids it created or listed) stays between operations. */
export interface TrafficSession {
  /** Creates the data the operations need (the demo's sample data) and learns what exists. */
  seed(): Promise<void>;
  /** Performs one operation by name; resolves to the HTTP status. */
  perform(operation: string): Promise<number>;
  /** What the session knows, for the load generator's first line. */
  describe(): string;
}

export interface AppTraffic {
  readonly operations: readonly TrafficOperation[];
  /**
   * The operation a scenario repeats in the background while a fault is in: a read that the
   * paging availability SLO counts, so that injected errors burn that SLO's budget.
   */
  readonly steady: string;
  session(http: HttpClient, random: () => number): TrafficSession;
  /**
   * The smoke test's proof that the application does its job end to end, one `step` line per
   * check; removes what it created. Throws an Error naming the call and its answer on failure.
   */
  smoke(http: HttpClient, step: (line: string) => void): Promise<void>;
}

/** A check of the smoke test that got another answer than expected. */
export class UnexpectedAnswer extends Error {}

/** Throws UnexpectedAnswer when `status` is not `expected`. */
export function expectStatus(
  what: string,
  result: { status: number; json?: unknown },
  expected: number,
): void {
  if (result.status !== expected) {
    const body = result.json === undefined ? "" : ` ${JSON.stringify(result.json).slice(0, 300)}`;
    throw new UnexpectedAnswer(`${what}: expected ${expected}, got ${result.status}${body}`);
  }
}
