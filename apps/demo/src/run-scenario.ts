import type { Scenario } from "./scenarios.js";

export interface ScenarioOptions {
  url: string;
  token: string;
  prometheus: string;
  /** Seconds to keep the fault on when no Prometheus answers, or to wait for the alert. */
  holdSeconds: number;
  pollMs: number;
  print: (line: string) => void;
  /** Resolves when the user asks to stop (Ctrl-C): the fault is cleared, then it returns. */
  interrupted: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(
  options: ScenarioOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await fetch(`${options.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
}

/** true/false when Prometheus answers, undefined when it does not (the scenario then just waits). */
async function alertFiring(options: ScenarioOptions, alert: string): Promise<boolean | undefined> {
  try {
    const query = encodeURIComponent(`ALERTS{alertname="${alert}", alertstate="firing"}`);
    const response = await fetch(`${options.prometheus}/api/v1/query?query=${query}`);
    if (!response.ok) return undefined;
    const body = (await response.json()) as { data?: { result?: unknown[] } };
    return (body.data?.result?.length ?? 0) > 0;
  } catch {
    return undefined;
  }
}

/** Waits until `check` is true, the hold time runs out, or the user interrupts. */
async function waitUntil(
  options: ScenarioOptions,
  check: () => Promise<boolean>,
): Promise<"done" | "timeout" | "interrupted"> {
  // An object, not a boolean: the promise callback flips it while this loop awaits.
  const state = { interrupted: false };
  void options.interrupted.then(() => (state.interrupted = true));
  const deadline = Date.now() + options.holdSeconds * 1000;
  while (Date.now() < deadline) {
    if (state.interrupted) return "interrupted";
    if (await check()) return "done";
    await sleep(options.pollMs);
  }
  return "timeout";
}

/**
 * Injects the scenario's fault, tells the audience what to watch, waits for the alert to fire
 * (or for the hold time when no Prometheus answers), then clears every fault, whatever happens.
 */
export async function runScenario(scenario: Scenario, options: ScenarioOptions): Promise<void> {
  const durationSeconds = options.holdSeconds + 120; // the API reverts it by itself if we die
  options.print(`scenario ${scenario.name}: ${scenario.title}`);
  options.print(`card: docs/demo/${scenario.name}.md; competencies: ${scenario.competency}`);
  await call(options, "PUT", scenario.inject.path, { ...scenario.inject.body, durationSeconds });
  options.print("fault injected. Watch:");
  for (const line of scenario.watch) options.print(`  - ${line}`);
  try {
    const prometheusAnswers = (await alertFiring(options, scenario.alert)) !== undefined;
    if (prometheusAnswers) {
      options.print(`waiting for ${scenario.alert} to fire (at most ${options.holdSeconds} s)...`);
      const started = Date.now();
      const outcome = await waitUntil(
        options,
        async () => (await alertFiring(options, scenario.alert)) === true,
      );
      if (outcome === "done")
        options.print(
          `${scenario.alert} is firing after ${Math.round((Date.now() - started) / 1000)} s: open its runbook (docs/runbooks/${scenario.alert}.md).`,
        );
      else options.print(`${scenario.alert} did not fire (${outcome}).`);
    } else {
      options.print(
        `no Prometheus at ${options.prometheus}: keeping the fault for ${options.holdSeconds} s (Ctrl-C to stop earlier).`,
      );
      await waitUntil(options, () => Promise.resolve(false));
    }
  } finally {
    await call(options, "DELETE", "/api/faults");
    options.print(
      "fault cleared: the SLIs recover first, then the alert resolves (short windows first).",
    );
  }
}
