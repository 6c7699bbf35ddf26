import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./support/app-harness.js";
import { expectHandled, FUZZ_RUNS, pathSegment } from "./support/hostile-input.js";
import { auth } from "./support/test-config.js";

// Property-based tests of the sample's routes: whatever a client sends, the API answers 4xx in the
// one error shape (or succeeds), never a 5xx, and writes nothing when it refuses. What holds for
// any route (token, content type, body limit, validation) is checked around the harness's own
// application in request-validation.fuzz.test.ts, which a fork keeps.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: "100000", BODY_LIMIT_BYTES: "4096" });
});
afterAll(() => t.close());

const linkCount = async () =>
  Number(
    (await t.db.query<{ n: string }>("test.count", "SELECT count(*) AS n FROM links")).rows[0]?.n,
  );

describe("bad input, by property", () => {
  it("POST /api/links with any JSON body, content type and token: never a 5xx, nothing written when refused", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ url: fc.string(), slug: fc.option(fc.string()) }),
          fc.record({ url: fc.webUrl(), extra: fc.anything() }),
        ),
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/json; charset=latin1",
        ),
        fc.constantFrom("right", "wrong", "none"),
        async (body, contentType, token) => {
          const before = await linkCount();
          const req = request(t.app).post("/api/links").set("Content-Type", contentType);
          if (token === "right") void req.set(auth);
          if (token === "wrong") void req.set("Authorization", "Bearer wrong-token-0123456789");
          const res = await req.send(JSON.stringify(body));
          expectHandled(res);
          if (res.status !== 201) expect(await linkCount()).toBe(before);
          if (token !== "right") expect(res.status).toBe(401);
          if (token === "right" && !contentType.startsWith("application/json"))
            expect(res.status).toBe(415);
        },
      ),
      FUZZ_RUNS,
    );
  });

  it("refuses open-redirect and credential URLs with 400 and writes nothing", async () => {
    const hostile = fc.oneof(
      fc.constantFrom(
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
      ),
      fc.webUrl().map((u) => u.replace(/^https?:/, "")), // protocol-relative
      fc
        .tuple(fc.webUrl(), fc.stringMatching(/^[a-z]{1,8}$/))
        .map(([u, user]) => u.replace("://", `://${user}:pw@`)),
      fc.constant("http://127.0.0.1/loop"),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (url) => {
        const before = await linkCount();
        const res = await request(t.app)
          .post("/api/links")
          .set(auth)
          .set("Host", "127.0.0.1")
          .send({ url });
        expect(res.status).toBe(400);
        expectHandled(res);
        expect(await linkCount()).toBe(before);
      }),
      FUZZ_RUNS,
    );
  });

  it("stores URLs with SQL metacharacters and unicode verbatim, and returns them intact", async () => {
    const tricky = fc.stringMatching(/^[A-Za-z0-9'";%_\\()*=-]{1,40}$/);
    await fc.assert(
      fc.asyncProperty(tricky, fc.uuid(), async (path, id) => {
        const url = `https://example.org/${encodeURIComponent(path)}?q=${encodeURIComponent(`'; DROP TABLE links; -- ${path}`)}&id=${id}`;
        const created = await request(t.app).post("/api/links").set(auth).send({ url });
        expect(created.status).toBe(201);
        const read = await request(t.app).get(`/api/links/${created.body.slug as string}`);
        expect(read.body.url).toBe(url);
      }),
      { numRuns: 60 },
    );
  });

  it("GET /:slug and /api/links/:slug with any path segment, valid or not: 302, 400 or 404, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, fc.constantFrom("/", "/api/links/"), async (slug, prefix) => {
        const res = await request(t.app).get(`${prefix}${slug}`);
        expectHandled(res);
        expect([302, 400, 404, 414, 431]).toContain(res.status);
      }),
      FUZZ_RUNS,
    );
  });

  it("GET /api/links with any limit and cursor: 200 or 400, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.string()),
        fc.option(fc.string({ maxLength: 80 })),
        async (limit, cursor) => {
          const query: Record<string, string> = {};
          if (limit !== null) query.limit = limit;
          if (cursor !== null) query.cursor = cursor;
          const res = await request(t.app).get("/api/links").query(query);
          expectHandled(res);
          expect([200, 400]).toContain(res.status);
        },
      ),
      FUZZ_RUNS,
    );
  });

  it("answers 409, not 500, to duplicate slugs, and keeps the first", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{3,20}$/), async (slug) => {
        fc.pre(
          !["api", "assets", "livez", "readyz", "metrics", "version", "healthz"].includes(
            slug.toLowerCase(),
          ),
        );
        const first = await request(t.app)
          .post("/api/links")
          .set(auth)
          .send({ url: "https://example.org/first", slug });
        const second = await request(t.app)
          .post("/api/links")
          .set(auth)
          .send({ url: "https://example.org/second", slug });
        if (first.status === 201) expect(second.status).toBe(409);
        else expect(first.status).toBe(409);
        expectHandled(second);
        expect((await request(t.app).get(`/api/links/${slug}`)).body.url).not.toBe(
          "https://example.org/second",
        );
      }),
      { numRuns: 60 },
    );
  });
});
