import type { LoadOptions } from "./options.js";
import { RateScheduler, systemClock, type Clock } from "./rate-scheduler.js";
import { seededRandom } from "./seeded-random.js";
import { TrafficStats } from "./stats.js";
import { APP_TRAFFIC } from "./traffic/app-traffic.js";
import { HttpClient } from "./traffic/http-client.js";
import type { AppTraffic } from "./traffic/traffic.js";
import { pickOperation } from "./traffic/traffic-mix.js";

export interface LoadGenerator {
  stats: TrafficStats;
  scheduler: RateScheduler;
  /** Resolves when `requests` are done, or after stop(). */
  finished: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Seeds the application's data, then sends its traffic mix (traffic/app-traffic.ts, or `traffic`)
 * at a steady rate, printing a status line regularly.
 */
export async function startLoad(
  options: LoadOptions,
  print: (line: string) => void,
  deps: { clock?: Clock; traffic?: AppTraffic } = {},
): Promise<LoadGenerator> {
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const clock = deps.clock ?? systemClock;
  const traffic = deps.traffic ?? APP_TRAFFIC;
  const http = new HttpClient(options.url, options.token);
  const session = traffic.session(http, random);
  await session.seed();
  const stats = new TrafficStats(() => clock.now());
  const scheduler = new RateScheduler(
    { rps: options.rps, maxInFlight: options.maxInFlight, limit: options.requests },
    async () => {
      const operation = pickOperation(traffic.operations, random, http.canWrite);
      const started = clock.now();
      try {
        stats.record(operation, await session.perform(operation), clock.now() - started);
      } catch {
        stats.record(operation, "network-error", clock.now() - started);
      }
    },
  );

  let stopped = false;
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  const status = setInterval(() => {
    print(stats.statusLine(scheduler.inFlightCount, scheduler.dropped));
  }, options.statusEvery * 1000);
  const done = setInterval(() => {
    if (scheduler.limitReached() && scheduler.inFlightCount === 0) void stop();
  }, 20);

  async function stop(): Promise<void> {
    if (stopped) return finished;
    stopped = true;
    scheduler.stop();
    clearInterval(status);
    clearInterval(done);
    // Let in-flight requests finish, for at most 5 seconds.
    for (let i = 0; i < 250 && scheduler.inFlightCount > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await http.close();
    print(
      `done: ${stats.statusLine(scheduler.inFlightCount, scheduler.dropped)} total=${scheduler.launchedCount}`,
    );
    resolveFinished();
    return finished;
  }

  print(
    `loadgen: ${options.rps} req/s against ${options.url}${options.token ? "" : " (no token: reads only)"}; ${session.describe()}`,
  );
  scheduler.start();
  return { stats, scheduler, finished, stop };
}
