import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "../../test/support/test-config.js";
import { createTestApp, type TestApp } from "../../test/support/app-harness.js";
import { RESERVED_SLUGS } from "./link-schemas.js";

// A link's slug is also a path (`GET /:slug` redirects): a slug equal to a path the service owns
// would shadow it or be shadowed. Each reserved slug, with a request its own route answers.
const OWN_ROUTES: Record<string, { path: string; status: number; type: RegExp }> = {
  api: { path: "/api/links", status: 200, type: /application\/json/ },
  assets: { path: "/assets/home.css", status: 200, type: /text\/css/ },
  livez: { path: "/livez", status: 200, type: /application\/json/ },
  readyz: { path: "/readyz", status: 200, type: /application\/json/ },
  metrics: { path: "/metrics", status: 200, type: /text\/plain/ },
  version: { path: "/version", status: 200, type: /application\/json/ },
  // Kubernetes' conventional probe name, kept free though no route serves it: a probe pointed
  // there by mistake gets a plain 404, never somebody's redirect.
  healthz: { path: "/healthz", status: 404, type: /application\/json/ },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: "1000" });
});
afterAll(() => t.close());

/** The first path segments the Express app routes that a slug could take (`/api/links` -> api). */
function routedSegments(): string[] {
  const { stack } = (t.app as unknown as { router: { stack: { route?: { path: string } }[] } })
    .router;
  const segments = stack.flatMap((layer) =>
    layer.route ? [layer.route.path.split("/")[1] ?? ""] : [],
  );
  return [...new Set(segments)].filter((s) => /^[A-Za-z0-9_-]{3,64}$/.test(s));
}

describe("reserved slugs", () => {
  it("cover every path segment the service routes", () => {
    const routed = routedSegments();
    expect(routed).toContain("api");
    expect(routed.filter((segment) => !RESERVED_SLUGS.has(segment))).toEqual([]);
    expect(Object.keys(OWN_ROUTES).sort()).toEqual([...RESERVED_SLUGS].sort());
  });

  it.each([...RESERVED_SLUGS])(
    "/%s: a link there is refused, in any case, and the path still reaches its own route",
    async (slug) => {
      for (const candidate of [slug, slug.toUpperCase()]) {
        const res = await request(t.app)
          .post("/api/links")
          .set(auth)
          .send({ url: "https://example.org/", slug: candidate });
        expect(res.status, candidate).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
      }
      const own = OWN_ROUTES[slug]!;
      const res = await request(t.app).get(own.path).set(auth);
      expect(res.status).toBe(own.status);
      expect(res.headers["content-type"]).toMatch(own.type);
      expect(res.headers.location).toBeUndefined();
    },
  );
});
