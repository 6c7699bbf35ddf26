import { APP_TRAFFIC } from "./app-traffic.js";
import { HttpClient } from "./http-client.js";
import type { AppTraffic } from "./traffic.js";

export interface SteadyTraffic {
  /** Requests sent every 100 ms; raise it to dilute errors once a fault is cleared. */
  perTick: number;
  stop(): Promise<void>;
}

/**
 * A fault scenario's background traffic: after seeding the application's data, `perTick` requests
 * of its steady operation (the one the paging availability SLO counts) every 100 ms, until
 * stopped. Raise `perTick` once the fault is cleared, so that clean traffic brings the 5-minute
 * error ratio under the paging threshold within minutes rather than after the whole window.
 */
export async function startSteadyTraffic(
  url: string,
  token: string,
  perTick: number,
  traffic: AppTraffic = APP_TRAFFIC,
): Promise<SteadyTraffic> {
  const http = new HttpClient(url, token, 32);
  const session = traffic.session(http, Math.random);
  await session.seed();
  let timer: NodeJS.Timeout | undefined = undefined;
  const steady: SteadyTraffic = {
    perTick,
    async stop() {
      clearInterval(timer);
      await http.close();
    },
  };
  timer = setInterval(() => {
    for (let i = 0; i < steady.perTick; i++)
      // A refused connection during a fault is part of the scenario, not a failure of the traffic.
      session.perform(traffic.steady).catch(() => 0);
  }, 100);
  return steady;
}
