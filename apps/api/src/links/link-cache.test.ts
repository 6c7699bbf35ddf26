import { describe, expect, it } from "vitest";
import { LinkCache } from "./link-cache.js";

const serving = (maxEntries = 100) => {
  const cache = new LinkCache({ maxEntries, ttlMs: 60_000 });
  cache.setListening(true);
  return cache;
};

describe("LinkCache", () => {
  it("serves nothing until change notifications are being received", () => {
    const cache = new LinkCache({ maxEntries: 10, ttlMs: 60_000 });
    cache.store("a", "https://example.org/", cache.ticket());
    expect(cache.lookup("a")).toEqual({ hit: false });
    expect(cache.size).toBe(0);
  });

  it("remembers targets and unknown slugs alike", () => {
    const cache = serving();
    cache.store("a", "https://example.org/", cache.ticket());
    cache.store("nope", undefined, cache.ticket());
    expect(cache.lookup("a")).toEqual({ hit: true, url: "https://example.org/" });
    expect(cache.lookup("nope")).toEqual({ hit: true, url: undefined });
    expect(cache.lookup("other")).toEqual({ hit: false });
  });

  it("holds at most maxEntries slugs", () => {
    const cache = serving(3);
    for (let i = 0; i < 50; i++) cache.store(`s${i}`, "https://example.org/", cache.ticket());
    expect(cache.size).toBe(3);
    expect(cache.lookup("s49").hit).toBe(true);
    expect(cache.lookup("s0").hit).toBe(false);
  });

  it("drops an invalidated slug, and never stores a read that started before an invalidation", () => {
    const cache = serving();
    cache.store("a", "https://example.org/old", cache.ticket());
    cache.invalidate("a");
    expect(cache.lookup("a").hit).toBe(false);

    const ticket = cache.ticket(); // a database read starts...
    cache.invalidate("a"); // ...the link is deleted meanwhile...
    cache.store("a", "https://example.org/old", ticket); // ...and the stale read comes back
    expect(cache.lookup("a").hit).toBe(false);
  });

  it("forgets everything when the notification channel drops, and bypasses until it is back", () => {
    const cache = serving();
    cache.store("a", "https://example.org/", cache.ticket());
    cache.setListening(false);
    expect(cache.size).toBe(0);
    cache.store("a", "https://example.org/", cache.ticket());
    expect(cache.lookup("a").hit).toBe(false);
    cache.setListening(true);
    cache.store("a", "https://example.org/", cache.ticket());
    expect(cache.lookup("a").hit).toBe(true);
  });
});
