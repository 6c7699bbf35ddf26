// npm run slides -w @fil-rouge/docs: the presentation (docs/presentation/slides.md, Marp) as HTML,
// and as PDF when a Chromium is installed (Debian's chromium, or CHROME_PATH).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { marpCli } from "@marp-team/marp-cli";

export const SLIDES = fileURLToPath(new URL("../presentation/slides.md", import.meta.url));
export const OUTPUT_DIR = fileURLToPath(new URL("../presentation/dist/", import.meta.url));

export function chromium(): string | undefined {
  return [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
    (path): path is string => path !== undefined && existsSync(path),
  );
}

export async function buildSlides(format: "html" | "pdf"): Promise<string> {
  const output = `${OUTPUT_DIR}slides.${format}`;
  const browser = chromium();
  const args = [SLIDES, "--output", output, "--allow-local-files", "--no-stdin"];
  if (format === "pdf" && browser) args.push("--browser-path", browser);
  const status = await marpCli(args);
  if (status !== 0) throw new Error(`marp exited ${String(status)} building ${output}`);
  return output;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`wrote ${await buildSlides("html")}\n`);
  if (chromium()) process.stdout.write(`wrote ${await buildSlides("pdf")}\n`);
  else process.stdout.write("no Chromium found (CHROME_PATH, /usr/bin/chromium): HTML only\n");
}
