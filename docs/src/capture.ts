// npm run capture -w @fil-rouge/docs -- <url> <file.png> [width] [height]: a real screenshot of a
// running page for the slides (the API's home page during `npm run demo`, Prometheus's alerts
// page during `npm run scenario -- errors`). The PNG is committed with a caption saying what it is.
import { fileURLToPath } from "node:url";
import { withBrowser } from "./chromium.js";

export async function capture(
  url: string,
  file: string,
  width = 1280,
  height = 720,
): Promise<void> {
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: "networkidle0", timeout: 30_000 });
    await page.screenshot({ path: file });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, file, width, height] = process.argv.slice(2);
  if (url === undefined || file?.endsWith(".png") !== true) {
    process.stderr.write("usage: capture <url> <file.png> [width] [height]\n");
    process.exit(2);
  }
  await capture(url, file, Number(width ?? 1280), Number(height ?? 720));
  process.stdout.write(`wrote ${file}\n`);
}
