import { randomBytes } from "node:crypto";
import { Agent, request } from "undici";
import type { Operation } from "./traffic-mix.js";

/** Performs one operation against the API; returns the HTTP status. Keeps slugs it learns. */
export class ApiClient {
  private readonly slugs: string[] = [];
  private readonly agent = new Agent({ connections: 128, keepAliveTimeout: 10_000 });

  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly random: () => number = Math.random,
  ) {}

  get knownSlugs(): number {
    return this.slugs.length;
  }

  private pickSlug(): string | undefined {
    return this.slugs[Math.floor(this.random() * this.slugs.length)];
  }

  private async call(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json?: unknown }> {
    const response = await request(new URL(path, this.baseUrl), {
      method,
      dispatcher: this.agent,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    const isJson = String(response.headers["content-type"] ?? "").includes("json");
    return {
      status: response.statusCode,
      ...(isJson && text ? { json: JSON.parse(text) as unknown } : {}),
    };
  }

  /** Learns the newest existing links, and creates a few when there are none. */
  async seed(count = 10): Promise<void> {
    const page = await this.call("GET", `/api/links?limit=100`);
    const items = (page.json as { items?: { slug: string }[] } | undefined)?.items ?? [];
    this.slugs.push(...items.map((item) => item.slug));
    if (this.token) {
      for (let i = this.slugs.length; i < count; i++) await this.perform("create");
    }
  }

  async perform(operation: Operation): Promise<number> {
    switch (operation) {
      case "redirect": {
        const slug = this.pickSlug();
        return (await this.call("GET", slug ? `/${slug}` : "/api/links")).status;
      }
      case "get-link": {
        const slug = this.pickSlug();
        return (await this.call("GET", slug ? `/api/links/${slug}` : "/api/links")).status;
      }
      case "list":
        return (await this.call("GET", "/api/links?limit=20")).status;
      case "create": {
        const result = await this.call("POST", "/api/links", {
          url: `https://example.org/loadgen/${randomBytes(6).toString("hex")}`,
        });
        const slug = (result.json as { slug?: string } | undefined)?.slug;
        if (result.status === 201 && slug && this.slugs.length < 10_000) this.slugs.push(slug);
        return result.status;
      }
      case "not-found":
        return (await this.call("GET", `/missing-${randomBytes(4).toString("hex")}`)).status;
      case "bad-input":
        return (await this.call("POST", "/api/links", { url: "javascript:alert(1)" })).status;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
