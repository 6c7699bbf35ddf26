import { describe, expect, it } from "vitest";
import { OptionsError, parseOptions } from "./options.js";

describe("options", () => {
  it("takes flags over environment variables over defaults", () => {
    const options = parseOptions(["--rps", "7"], {
      LOADGEN_RPS: "3",
      LOADGEN_URL: "http://api:3000",
      API_TOKEN: "0123456789abcdef",
    });
    expect(options).toMatchObject({
      rps: 7,
      url: "http://api:3000",
      token: "0123456789abcdef",
      statusEvery: 5,
    });
  });

  it("names the bad flag", () => {
    expect(() => parseOptions(["--rps", "-1"], {})).toThrow(OptionsError);
    expect(() => parseOptions(["--url", "ftp://x"], {})).toThrow(/--url/);
    expect(() => parseOptions(["--nope"], {})).toThrow();
  });
});
