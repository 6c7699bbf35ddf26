// The one way this workspace drives a browser: the system's Chromium (Debian's chromium, or
// CHROME_PATH) through puppeteer-core, which never downloads one. Slides, the dossier's PDF,
// the Mermaid diagrams and the captures all go through here.
import { locate } from "@fil-rouge/toolchain/machine-tools";
import puppeteer, { type Browser } from "puppeteer-core";

/** The Chromium to use, or undefined when none is installed (callers skip with a notice). */
export function chromium(): string | undefined {
  return locate("chromium"); // CHROME_PATH, else chromium, chromium-browser or google-chrome on PATH
}

/** Runs `work` with a headless Chromium, closed afterwards whatever happens. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const executablePath = chromium();
  if (executablePath === undefined) {
    throw new Error("no Chromium found: install Debian's chromium or set CHROME_PATH");
  }
  // --no-sandbox: CI runners and containers run as root, where Chromium's sandbox refuses to start.
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--font-render-hinting=none"],
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}
