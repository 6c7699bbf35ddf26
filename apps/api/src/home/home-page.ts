import escapeHtml from "escape-html";
import type { StoredLink } from "../links/links-repository.js";

export interface HomePageView {
  version: string;
  hostname: string;
  message: string;
  topLinks: StoredLink[] | undefined; // undefined: the database is unavailable
  /** Trusted HTML of the fault panel (src/panel/), or "" when faults are off. */
  panel: string;
}

const row = (link: StoredLink) =>
  `<tr><td><a href="/${escapeHtml(link.slug)}">/${escapeHtml(link.slug)}</a></td>` +
  `<td class="url">${escapeHtml(link.url)}</td><td class="num">${link.clicks}</td></tr>`;

/** Server-rendered, no framework: the page a trainer shows and a canary makes visibly different. */
export function renderHomePage(view: HomePageView): string {
  const table =
    view.topLinks === undefined
      ? `<p class="alert" role="alert">The database is unavailable: links cannot be listed right now.</p>`
      : view.topLinks.length === 0
        ? `<p>No links yet: shorten the first one.</p>`
        : `<table><thead><tr><th>Short link</th><th>Target</th><th>Clicks</th></tr></thead>` +
          `<tbody>${view.topLinks.map(row).join("")}</tbody></table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shortlinks</title>
<link rel="stylesheet" href="/assets/home.css">
<script src="/assets/home.js" defer></script>
</head>
<body>
<header><h1>Shortlinks</h1><p class="message">${escapeHtml(view.message)}</p></header>
<main>
<section>
<h2>Shorten a link</h2>
<form id="shorten">
<label>URL <input name="url" type="url" required maxlength="2048" placeholder="https://example.org/page"></label>
<label>Slug (optional) <input name="slug" pattern="[A-Za-z0-9_-]{3,64}" placeholder="my-link"></label>
<label>API token <input name="token" type="password" required autocomplete="off"></label>
<button type="submit">Shorten</button>
</form>
<p id="result" aria-live="polite"></p>
</section>
<section>
<h2>Most clicked</h2>
${table}
</section>
${view.panel}
</main>
<footer>version <code>${escapeHtml(view.version)}</code> · served by <code>${escapeHtml(view.hostname)}</code> · <a href="/openapi.json">OpenAPI</a> · <a href="/metrics">metrics</a></footer>
</body>
</html>`;
}
