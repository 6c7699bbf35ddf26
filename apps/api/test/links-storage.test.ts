import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { createLinksRepository, type LinksRepository } from "../src/links/links-repository.js";
import { createTestDatabase, silentLogger, type TestDatabase } from "./support/test-database.js";

let target: TestDatabase;
let db: Database;
let links: LinksRepository;
beforeAll(async () => {
  target = await createTestDatabase();
  db = await target.open();
  await migrate(db, silentLogger);
  links = createLinksRepository(db);
});
afterAll(() => target.dispose());

describe("links storage on the integration database", () => {
  it("stores, finds, adds click batches atomically and deletes", async () => {
    const created = await links.insert("storage", "https://example.org/'\";--");
    expect(created).toMatchObject({
      slug: "storage",
      url: "https://example.org/'\";--",
      clicks: 0,
    });
    expect(await links.insert("storage", "https://example.org/other")).toBeUndefined();
    // Concurrent batches on one row (two replicas flushing at once) add up, none overwrites another.
    await Promise.all(Array.from({ length: 20 }, () => links.addClicks(new Map([["storage", 1]]))));
    await links.addClicks(
      new Map([
        ["storage", 5],
        ["missing", 3],
      ]),
    );
    expect((await links.find("storage"))?.clicks).toBe(25);
    expect(await links.target("storage")).toBe("https://example.org/'\";--");
    expect(await links.target("missing")).toBeUndefined();
    expect((await links.mostClicked(1))[0]?.slug).toBe("storage");
    expect(await links.remove("storage")).toBe(true);
    expect(await links.remove("storage")).toBe(false);
  });

  it("lists by id, newest first, after a cursor", async () => {
    for (const slug of ["list-a", "list-b", "list-c"])
      await links.insert(slug, "https://example.org/");
    const all = await links.list(10, undefined);
    const [first, second] = all;
    expect(all.map((l) => l.slug).slice(0, 3)).toEqual(["list-c", "list-b", "list-a"]);
    const after = await links.list(10, first?.id);
    expect(after[0]?.slug).toBe(second?.slug);
  });

  it("refuses rows the schema forbids even if the app were bypassed", async () => {
    await expect(
      db.query("test.bad", "INSERT INTO links (slug, url) VALUES ('x', 'https://e.org')"),
    ).rejects.toThrow();
  });
});
