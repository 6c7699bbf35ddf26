// "Wait until this URL answers", for every process a test, the demo or the smoke test starts.

/**
 * Polls `url` until it answers 2xx. Fails after `seconds`, or as soon as `gaveUp` returns a
 * reason (the process being waited for has exited, say).
 */
export async function waitForHttp(
  url: string,
  seconds: number,
  gaveUp: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
