import { describe, expect, it } from "vitest";
import { tokenMatches } from "./auth.js";

describe("tokenMatches", () => {
  it("matches only the exact token, whatever the lengths", () => {
    expect(tokenMatches("secret-token-123", "secret-token-123")).toBe(true);
    expect(tokenMatches("secret-token-12", "secret-token-123")).toBe(false);
    expect(tokenMatches("secret-token-1234", "secret-token-123")).toBe(false);
    expect(tokenMatches("", "secret-token-123")).toBe(false);
  });
});
