// npm run capture -w @fil-rouge/docs -- <url> <file.png> [width] [height] [selector]: a real
// screenshot (of the element `selector` alone when given, at twice the resolution) of a
// running page for the slides (the API's home page during `npm run demo`, Prometheus's alerts
// page during `npm run scenario -- errors`). The PNG is committed with a caption saying what it is.
import { fileURLToPath } from "node:url";
import { withBrowser } from "./chromium.js";

export async function capture(
  url: string,
  file: string,
  width = 1280,
  height = 720,
  selector?: string,
): Promise<void> {
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: selector === undefined ? 1 : 2 });
    await page.goto(url, { waitUntil: "networkidle0", timeout: 30_000 });
    const element = selector === undefined ? page : await page.waitForSelector(selector);
    if (element === null) throw new Error(`no ${String(selector)} on ${url}`);
    await element.screenshot({ path: file });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, file, width, height, selector] = process.argv.slice(2);
  if (url === undefined || file?.endsWith(".png") !== true) {
    process.stderr.write("usage: capture <url> <file.png> [width] [height] [selector]\n");
    process.exit(2);
  }
  await capture(url, file, Number(width ?? 1280), Number(height ?? 720), selector);
  process.stdout.write(`wrote ${file}\n`);
}
