import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("cursor", () => {
  it("round-trips an id", () => {
    expect(decodeCursor(encodeCursor("12345"))).toBe("12345");
  });
  it.each([
    "",
    "abc",
    Buffer.from("v1:-1").toString("base64url"),
    Buffer.from("v2:1").toString("base64url"),
  ])("refuses %j with invalid_cursor", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ status: 400, code: "invalid_cursor" }),
    );
  });
});
