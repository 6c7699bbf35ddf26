import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";

const valid = { API_TOKEN: "0123456789abcdef" };

describe("the sample's settings", () => {
  it("come with the service's configuration, with their defaults", () => {
    expect(loadConfig({ ...valid, CLICK_FLUSH_INTERVAL_MS: "250" }).feature).toEqual({
      maxEntries: 10_000,
      ttlMs: 60_000,
      flushIntervalMs: 250,
      maxPendingSlugs: 10_000,
    });
  });

  it("are validated in the same pass: their problems and the service's in one error", () => {
    let error: unknown;
    try {
      loadConfig({
        ...valid,
        PORT: "70000",
        LINK_CACHE_TTL_MS: "10",
        CLICK_FLUSH_INTERVAL_MS: "x",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^LINK_CACHE_TTL_MS: /),
      expect.stringMatching(/^CLICK_FLUSH_INTERVAL_MS: /),
    ]);
  });
});
