import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProbeApp } from "./support/app-harness.js";
import { PROBE_ROUTES } from "./support/probe-feature.js";
import { expectHandled, FUZZ_RUNS, pathSegment } from "./support/hostile-input.js";
import { auth } from "./support/test-config.js";

// Property-based tests of what the route table puts in front of every handler (token, content
// type, body limit, validation, the error handler), on the harness's own application so that a
// fork keeps them: whatever a client sends, the service answers 4xx in the one error shape (or
// succeeds), never a 5xx, and a refused request never reaches the handler. The sample's own
// properties (its URLs, its identifiers, its list) are in bad-input.fuzz.test.ts.
const BODY_LIMIT_BYTES = 4096;
let t: Awaited<ReturnType<typeof createProbeApp>>;
beforeAll(async () => {
  t = await createProbeApp({
    RATE_LIMIT_WRITES_PER_MINUTE: "100000",
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
  });
});
afterAll(() => t.close());

/** What the probe's write accepts: `{ name }`, 1 to 50 characters (other keys are dropped). */
const isValidItem = (body: unknown): boolean =>
  typeof body === "object" &&
  body !== null &&
  !Array.isArray(body) &&
  typeof (body as { name?: unknown }).name === "string" &&
  (body as { name: string }).name.length >= 1 &&
  (body as { name: string }).name.length <= 50;

describe("bad input to any route, by property", () => {
  it("a write with any JSON body, content type and token: never a 5xx, the handler reached only on 201", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ name: fc.string({ maxLength: 80 }) }),
          fc.record({ name: fc.string({ minLength: 1, maxLength: 50 }), extra: fc.anything() }),
          // Past BODY_LIMIT_BYTES: 413, not a crash.
          fc.record({ name: fc.constant("x".repeat(5000)) }),
        ),
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/json; charset=latin1",
        ),
        fc.constantFrom("right", "wrong", "none"),
        async (body, contentType, token) => {
          const before = t.feature.created.length;
          const req = request(t.app).post(PROBE_ROUTES.list).set("Content-Type", contentType);
          if (token === "right") void req.set(auth);
          if (token === "wrong") void req.set("Authorization", "Bearer wrong-token-0123456789");
          const res = await req.send(JSON.stringify(body));
          expectHandled(res);
          expect(t.feature.created.length).toBe(res.status === 201 ? before + 1 : before);
          // The handler sees only what the route's schema accepts, and gets every such request.
          const valid = isValidItem(body);
          if (res.status === 201) expect(valid).toBe(true);
          const tooLarge = Buffer.byteLength(JSON.stringify(body)) > BODY_LIMIT_BYTES;
          if (token === "right" && contentType === "application/json")
            expect(res.status).toBe(tooLarge ? 413 : valid ? 201 : 400);
          if (token !== "right") expect(res.status).toBe(401);
          if (token === "right" && !contentType.startsWith("application/json"))
            expect(res.status).toBe(415);
        },
      ),
      FUZZ_RUNS,
    );
  });

  it("any path segment, on a parameterised route or none: 200, 400 or 404, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, fc.constantFrom("/", "/api/items/"), async (id, prefix) => {
        const res = await request(t.app).get(`${prefix}${id}`);
        expectHandled(res);
        expect([200, 400, 404, 414, 431]).toContain(res.status);
      }),
      FUZZ_RUNS,
    );
  });

  it("any query string on a route that declares none: 200, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 80 })),
        async (query) => {
          const res = await request(t.app).get(PROBE_ROUTES.list).query(query);
          expectHandled(res);
          expect(res.status).toBe(200);
        },
      ),
      FUZZ_RUNS,
    );
  });
});
