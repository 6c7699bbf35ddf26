import { DatabaseTimeoutError, DatabaseUnavailableError } from "../errors.js";
import type { PoolStats } from "../metrics.js";

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** A connection held for a sequence of statements (migrations need one session for their lock). */
export interface SessionClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Receives the NOTIFY messages of one channel. `listening(false)` means messages may have been
 * missed (the listening connection dropped) until the next `listening(true)`.
 */
export interface NotificationHandlers {
  message(payload: string): void;
  listening(active: boolean): void;
}

/** What the app needs from a database: PostgreSQL through pg, or PGlite in process. */
export interface Database {
  readonly engine: "postgres" | "pglite";
  /** `operation` names the query in metrics (db_query_duration_seconds{operation}). */
  query<Row>(operation: string, text: string, values?: unknown[]): Promise<QueryResult<Row>>;
  ping(timeoutMs: number): Promise<void>;
  withSession<T>(work: (client: SessionClient) => Promise<T>): Promise<T>;
  stats(): PoolStats;
  /** LISTEN on `channel` (reconnecting on PostgreSQL); resolves with the function that stops it. */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Network errors, pg's own connection messages, SQLSTATE class 08 (connection exception) and
// 57P01-57P03 (server shutting down or starting): the database is away, not the query wrong.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /client was closed/i,
  /pglite is closed/i,
];

/** Maps driver errors to the API's error classes; other errors pass through unchanged. */
export function classifyDatabaseError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) {
    return new DatabaseUnavailableError(error);
  }
  if (code === "57014" || /query read timeout/i.test(error.message)) {
    return new DatabaseTimeoutError(error);
  }
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) {
    return new DatabaseUnavailableError(error);
  }
  if (error instanceof AggregateError && error.errors.some((e) => classifyDatabaseError(e) !== e)) {
    return new DatabaseUnavailableError(error);
  }
  return error;
}

/** Rejects after `ms` so a probe never hangs on a dead connection. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DatabaseUnavailableError(new Error(`${what} timed out after ${ms} ms`)));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
