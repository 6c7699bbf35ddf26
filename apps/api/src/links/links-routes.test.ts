import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, TEST_TOKEN } from "../../test/support/test-config.js";
import { createTestApp, type TestApp } from "../../test/support/app-harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: "1000", BODY_LIMIT_BYTES: "4096" });
});
afterAll(() => t.close());

const create = (body: unknown) =>
  request(t.app)
    .post("/api/links")
    .set(auth)
    .send(body as object);

describe("POST /api/links", () => {
  it("creates a link with a chosen slug and answers 201 with its location", async () => {
    const res = await create({ url: "https://example.org/a?x=1", slug: "chosen" });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe("/api/links/chosen");
    expect(res.body).toMatchObject({ slug: "chosen", url: "https://example.org/a?x=1", clicks: 0 });
    expect(res.body.shortUrl).toMatch(/\/chosen$/);
  });

  it("generates a slug when none is given", async () => {
    const res = await create({ url: "https://example.org/generated" });
    expect(res.status).toBe(201);
    expect(res.body.slug).toMatch(/^[A-Za-z0-9]{7}$/);
  });

  it("answers 409 slug_taken for a slug already in use, and keeps the first link", async () => {
    await create({ url: "https://example.org/first", slug: "taken" });
    const res = await create({ url: "https://example.org/second", slug: "taken" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("slug_taken");
    const kept = await request(t.app).get("/api/links/taken");
    expect(kept.body.url).toBe("https://example.org/first");
  });

  it.each([
    ["a javascript: URL", { url: "javascript:alert(1)" }],
    ["a data: URL", { url: "data:text/html,hi" }],
    ["a protocol-relative URL", { url: "//evil.example/x" }],
    // secretlint-disable-next-line -- a refused URL with fake credentials is the point of this case
    ["credentials in the URL", { url: "https://user:pass@example.org/" }],
    ["a URL over 2048 characters", { url: `https://example.org/${"a".repeat(2048)}` }],
    ["a URL with spaces", { url: "https://example.org/a b" }],
    ["a relative URL", { url: "/relative" }],
    ["a slug too short", { url: "https://example.org/", slug: "ab" }],
    ["a slug with bad characters", { url: "https://example.org/", slug: "no/slash" }],
    ["a reserved slug", { url: "https://example.org/", slug: "metrics" }],
    ["an unknown field", { url: "https://example.org/", extra: true }],
    ["a missing url", { slug: "lonely" }],
    ["a url of the wrong type", { url: 42 }],
  ])("answers 400 validation_failed for %s", async (_name, body) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(Array.isArray(res.body.error.details)).toBe(true);
  });

  it("refuses a link to the service itself", async () => {
    const res = await request(t.app)
      .post("/api/links")
      .set(auth)
      .set("Host", "sho.example:8080")
      .send({ url: "http://sho.example:8080/loop" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/this service/);
  });

  it("answers 401 without a token, with a wrong token and with a malformed header", async () => {
    for (const header of [undefined, "Bearer wrong-token-000000000", `Basic ${TEST_TOKEN}`]) {
      const req = request(t.app).post("/api/links");
      if (header) void req.set("Authorization", header);
      const res = await req.send({ url: "https://example.org/" });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    }
  });

  it("answers 415 for a body that is not JSON", async () => {
    const res = await request(t.app)
      .post("/api/links")
      .set(auth)
      .set("Content-Type", "text/plain")
      .send("url=x");
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("answers 400 invalid_json for malformed JSON", async () => {
    const res = await request(t.app)
      .post("/api/links")
      .set(auth)
      .set("Content-Type", "application/json")
      .send("{oops");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("answers 413 for a body over the limit", async () => {
    const res = await create({ url: `https://example.org/${"a".repeat(5000)}` });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });
});

describe("reading links", () => {
  it("pages through links with an opaque cursor, newest first, without repeats", async () => {
    for (let i = 0; i < 5; i++)
      await create({ url: `https://example.org/page/${i}`, slug: `page-${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await request(t.app)
        .get("/api/links")
        .query({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((l: { slug: string }) => l.slug));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.indexOf("page-4")).toBeLessThan(seen.indexOf("page-0"));
  });

  it("answers 400 for a forged cursor and for a limit out of range", async () => {
    const forged = await request(t.app)
      .get("/api/links")
      .query({ cursor: Buffer.from("v1:abc").toString("base64url") });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("invalid_cursor");
    const tooMany = await request(t.app).get("/api/links").query({ limit: 1000 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe("validation_failed");
  });

  it("shows one link with its stored click count, and 404 for an unknown slug", async () => {
    await create({ url: "https://example.org/counted", slug: "counted" });
    await request(t.app).get("/counted").expect(302);
    await request(t.app).get("/counted").expect(302);
    // Clicks are written behind: the stored count lags until the next flush.
    expect((await request(t.app).get("/api/links/counted")).body.clicks).toBe(0);
    await t.feature.store.flushClicks();
    const res = await request(t.app).get("/api/links/counted");
    expect(res.status).toBe(200);
    expect(res.body.clicks).toBe(2);
    const missing = await request(t.app).get("/api/links/nowhere");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("link_not_found");
  });
});

describe("GET /:slug", () => {
  it("redirects with 302, never cached, and counts the click", async () => {
    const target = "https://example.org/target?q=';DROP%20TABLE%20links;--";
    await create({ url: target, slug: "go-sql" });
    const res = await request(t.app).get("/go-sql");
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(target);
    expect(res.headers["cache-control"]).toBe("no-store");
    await t.feature.store.flushClicks();
    const stored = await request(t.app).get("/api/links/go-sql");
    expect(stored.body).toMatchObject({ url: target, clicks: 1 });
  });

  it("answers 404 for an unknown or malformed slug", async () => {
    for (const path of ["/unknown-slug", "/a", "/favicon.ico"]) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("link_not_found");
    }
  });
});

describe("DELETE /api/links/:slug", () => {
  it("deletes with 204, then 404", async () => {
    await create({ url: "https://example.org/gone", slug: "gone" });
    await request(t.app).delete("/api/links/gone").set(auth).expect(204);
    const again = await request(t.app).delete("/api/links/gone").set(auth);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("link_not_found");
  });

  it("needs the token", async () => {
    const res = await request(t.app).delete("/api/links/chosen");
    expect(res.status).toBe(401);
  });
});

describe("rate limit on writes", () => {
  it("answers 429 in the error shape with RateLimit headers once the budget is spent", async () => {
    const limited = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: "2" });
    try {
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await request(limited.app)
          .post("/api/links")
          .set(auth)
          .send({ url: `https://example.org/${i}` });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
      expect(last?.body.error.code).toBe("rate_limited");
      expect(last?.headers.ratelimit).toBeDefined();
      // Reads are not limited.
      await request(limited.app).get("/api/links").expect(200);
    } finally {
      await limited.close();
    }
  });
});

describe("the sample's metrics and API description", () => {
  it("exposes its business metrics and database operations", async () => {
    await request(t.app).get("/api/links").expect(200);
    const res = await request(t.app).get("/metrics");
    for (const name of [
      "shortlinks_links_created_total",
      'shortlinks_redirects_total{result="not_found"}',
      'db_query_duration_seconds_count{operation="links.list",outcome="success"}',
    ])
      expect(res.text).toContain(name);
  });

  it("describes its routes and schemas in /openapi.json", async () => {
    const res = await request(t.app).get("/openapi.json");
    const paths = res.body.paths as Record<string, Record<string, { operationId: string }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(["/api/links", "/api/links/{slug}", "/{slug}"]),
    );
    expect(paths["/api/links"]?.post?.operationId).toBe("createLink");
    expect(res.body.info.title).toBe("Shortlinks API");
    expect(res.body.components.schemas.CreateLink.properties.url.maxLength).toBe(2048);
    expect(res.body.components.schemas.Slug.pattern).toBe("^[A-Za-z0-9_-]{3,64}$");
  });
});
