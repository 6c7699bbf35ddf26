import pg from "pg";
import type { Logger } from "../logger.js";
import type { NotificationHandlers } from "./database.js";

export interface ListenerOptions {
  url: string;
  connectTimeoutMs: number;
  /** First delay before reconnecting; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * LISTEN needs a session of its own: a pooled connection goes back to the pool and its LISTEN
 * with it. One dedicated client per channel, reconnected with backoff; while it is down the
 * handlers are told, since notifications sent meanwhile are lost for good.
 */
export async function listenOnPostgres(
  options: ListenerOptions,
  channel: string,
  handlers: NotificationHandlers,
  logger: Logger,
): Promise<() => Promise<void>> {
  const retryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = retryMs;

  const connect = async (first: boolean): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs,
      application_name: "shortlinks-api-listener",
      // The server drops a half-open session only after TCP's own timeouts; keep-alive finds it sooner.
      keepAlive: true,
    });
    // Called once per client, whichever comes first: an error, the end, a failed connect.
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      next.removeAllListeners();
      void next.end().catch(() => undefined);
      if (stopped || first) return;
      handlers.listening(false);
      logger.warn({ err: error, channel }, "notification listener lost; reconnecting");
      schedule();
    };
    next.on("notification", (message) => {
      if (message.channel === channel) handlers.message(message.payload ?? "");
    });
    next.on("error", lost);
    next.on("end", () => {
      lost();
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    } catch (error) {
      lost(error);
      // The first connection's failure is the caller's to see, like the pool's at start-up.
      if (first) throw error;
      return;
    }
    if (stopped || client !== next) return;
    first = false;
    delay = retryMs;
    handlers.listening(true);
  };

  const schedule = () => {
    timer = setTimeout(() => {
      void connect(false);
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, maxRetryMs);
  };

  await connect(true);

  return async () => {
    stopped = true;
    clearTimeout(timer);
    const current = client;
    client = undefined;
    current?.removeAllListeners();
    await current?.end().catch(() => undefined);
  };
}
