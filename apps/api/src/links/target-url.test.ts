import { describe, expect, it } from "vitest";
import { pointsToService, targetUrlProblem } from "./target-url.js";

describe("targetUrlProblem", () => {
  it.each([
    "https://example.org",
    "http://example.org:8080/a?b=c#d",
    "https://xn--bcher-kva.example/ü",
  ])("accepts %s", (url) => {
    expect(targetUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ["javascript:alert(1)", /http or https/],
    ["data:text/html;base64,PHNjcmlwdD4=", /http or https/],
    ["ftp://example.org/file", /http or https/],
    ["//example.org/x", /absolute URL/],
    ["https:example.org", /absolute URL/],
    ["https://user@example.org", /credentials/],
    ["https://example.org/\u0000", /control/],
    [" https://example.org", /spaces/],
    [`https://e.org/${"x".repeat(2040)}`, /2048/],
  ])("refuses %s", (url, reason) => {
    expect(targetUrlProblem(url)).toMatch(reason);
  });
});

describe("pointsToService", () => {
  it("matches the host and port case-insensitively", () => {
    expect(pointsToService("https://SHO.example/x", ["sho.example"])).toBe(true);
    expect(pointsToService("https://sho.example:8443/x", ["sho.example"])).toBe(false);
    expect(pointsToService("https://other.example/x", [undefined, "sho.example"])).toBe(false);
  });
});
