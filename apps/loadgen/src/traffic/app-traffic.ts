// The sample application's traffic (a link shortener), described once for every source of
// requests (traffic.ts). This file is part of the sample-app seam: a fork replaces it with its own
// application's operations, data and smoke check (docs/fork.md).
import { randomBytes } from "node:crypto";
import type { HttpClient } from "./http-client.js";
import { expectStatus, UnexpectedAnswer, type AppTraffic, type TrafficSession } from "./traffic.js";

/** What a visitor or a client does, and how often, out of 100 requests. */
const OPERATIONS = [
  // follow an existing short link: the hot path, counted by the paging redirect SLOs
  { name: "redirect", weight: 60, writes: false, expects: "success" },
  { name: "get-link", weight: 10, writes: false, expects: "success" }, // one link and its clicks
  { name: "list", weight: 10, writes: false, expects: "success" }, // the newest links
  { name: "create", weight: 10, writes: true, expects: "success" }, // shorten a new URL
  { name: "not-found", weight: 6, writes: false, expects: "client-error" }, // unknown slug: 404
  { name: "bad-input", weight: 4, writes: true, expects: "client-error" }, // refused URL: 400
] as const;

type Operation = (typeof OPERATIONS)[number]["name"];

/** The demo's links, created once by seed(): the home page and the dashboards show them. */
export const DEMO_LINKS = [
  { slug: "rncp", url: "https://www.francecompetences.fr/recherche/rncp/36061/" },
  { slug: "sre-book", url: "https://sre.google/workbook/alerting-on-slos/" },
  {
    slug: "k8s-probes",
    url: "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
  },
];

/** Beyond this many known slugs, new ones are not remembered (a long run must not grow). */
const MAX_KNOWN = 10_000;

class LinksSession implements TrafficSession {
  private readonly slugs: string[] = [];

  constructor(
    private readonly http: HttpClient,
    private readonly random: () => number,
  ) {}

  private remember(slug: string): void {
    if (this.slugs.length < MAX_KNOWN && !this.slugs.includes(slug)) this.slugs.push(slug);
  }

  private pickSlug(): string | undefined {
    return this.slugs[Math.floor(this.random() * this.slugs.length)];
  }

  async seed(): Promise<void> {
    if (this.http.canWrite) {
      // 201, or 409 when an earlier run created it: either way it exists.
      for (const link of DEMO_LINKS) await this.http.call("POST", "/api/links", link);
    }
    const page = await this.http.call("GET", "/api/links?limit=100");
    const items = (page.json as { items?: { slug: string }[] } | undefined)?.items ?? [];
    for (const item of items) this.remember(item.slug);
  }

  describe(): string {
    return `${this.slugs.length} links known`;
  }

  async perform(operation: string): Promise<number> {
    switch (operation as Operation) {
      case "redirect": {
        const slug = this.pickSlug();
        return (await this.http.call("GET", slug ? `/${slug}` : "/api/links")).status;
      }
      case "get-link": {
        const slug = this.pickSlug();
        return (await this.http.call("GET", slug ? `/api/links/${slug}` : "/api/links")).status;
      }
      case "list":
        return (await this.http.call("GET", "/api/links?limit=20")).status;
      case "create": {
        const result = await this.http.call("POST", "/api/links", {
          url: `https://example.org/loadgen/${randomBytes(6).toString("hex")}`,
        });
        const slug = (result.json as { slug?: string } | undefined)?.slug;
        if (result.status === 201 && slug) this.remember(slug);
        return result.status;
      }
      case "not-found":
        return (await this.http.call("GET", `/missing-${randomBytes(4).toString("hex")}`)).status;
      case "bad-input":
        return (await this.http.call("POST", "/api/links", { url: "javascript:alert(1)" })).status;
      default:
        throw new Error(`unknown operation "${operation}"`);
    }
  }
}

export const APP_TRAFFIC: AppTraffic = {
  operations: OPERATIONS,
  steady: "redirect",
  session: (http, random) => new LinksSession(http, random),

  /** Shortens a URL, follows the short link, deletes it. */
  async smoke(http, step) {
    const slug = `smoke-${randomBytes(4).toString("hex")}`;
    const target = `https://example.org/smoke/${slug}`;
    expectStatus(
      "POST /api/links",
      await http.call("POST", "/api/links", { slug, url: target }),
      201,
    );
    step(`POST /api/links created ${slug}`);
    try {
      const followed = await http.call("GET", `/${slug}`);
      if (![301, 302, 307, 308].includes(followed.status) || followed.location !== target) {
        throw new UnexpectedAnswer(
          `GET /${slug}: expected a redirect to ${target}, got ${followed.status} ${followed.location ?? ""}`,
        );
      }
      step(`GET /${slug} redirects to ${target}`);
    } finally {
      expectStatus(
        `DELETE /api/links/${slug}`,
        await http.call("DELETE", `/api/links/${slug}`),
        204,
      );
      step(`DELETE /api/links/${slug} cleaned up`);
    }
  },
};
