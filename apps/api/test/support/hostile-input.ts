// What the property-based tests share: the one check of an answer to hostile input, and the path
// segments a client may send (request-validation.fuzz.test.ts, bad-input.fuzz.test.ts).
import fc from "fast-check";
import type request from "supertest";
import { expect } from "vitest";

/** Never a 5xx; an error is the one error shape, without a stack trace. */
export function expectHandled(res: request.Response): void {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (res.status >= 400 && res.type === "application/json") {
    expect(Object.keys(res.body as object)).toEqual(["error"]);
    expect(res.body.error.code).toMatch(/^[a-z_]+$/);
    expect(typeof res.body.error.message).toBe("string");
    expect(JSON.stringify(res.body)).not.toMatch(/at .+\(.+:\d+:\d+\)/); // no stack trace
  }
}

export const FUZZ_RUNS = { numRuns: 120 };

/** Any path segment, well-formed or not. */
export const pathSegment = fc.oneof(
  // Non-empty: an empty segment is the home page or the list, which rightly answer 200.
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 100 }).map(encodeURIComponent),
  fc.constantFrom("%", "%E0%A4%A", "%FF", "%00", "..%2F..%2Fetc", "a".repeat(5000), "%25%32%35"),
);
