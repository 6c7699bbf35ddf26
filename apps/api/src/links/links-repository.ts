import { randomInt } from "node:crypto";
import type { Database } from "../db/database.js";

export interface StoredLink {
  id: string;
  slug: string;
  url: string;
  clicks: number;
  createdAt: Date;
}

interface LinkRow {
  id: string | number | bigint;
  slug: string;
  url: string;
  clicks: string | number | bigint;
  created_at: Date | string;
}

const COLUMNS = "id, slug, url, clicks, created_at";
const SLUG_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

// pg returns bigint columns as strings and PGlite as numbers or bigints: normalise once here.
const toLink = (row: LinkRow): StoredLink => ({
  id: String(row.id),
  slug: row.slug,
  url: row.url,
  clicks: Number(row.clicks),
  createdAt: new Date(row.created_at),
});

export function generateSlug(length = 7): string {
  let slug = "";
  for (let i = 0; i < length; i++) slug += SLUG_ALPHABET.charAt(randomInt(SLUG_ALPHABET.length));
  return slug;
}

export function createLinksRepository(db: Database) {
  return {
    /** Inserts the link; undefined when the slug is already taken. */
    async insert(slug: string, url: string): Promise<StoredLink | undefined> {
      const { rows } = await db.query<LinkRow>(
        "links.insert",
        `INSERT INTO links (slug, url) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING ${COLUMNS}`,
        [slug, url],
      );
      return rows[0] && toLink(rows[0]);
    },

    /** Newest first; `beforeId` is the id of the last link of the previous page. */
    async list(limit: number, beforeId: string | undefined): Promise<StoredLink[]> {
      const { rows } = await db.query<LinkRow>(
        "links.list",
        `SELECT ${COLUMNS} FROM links WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2`,
        [beforeId ?? null, limit],
      );
      return rows.map(toLink);
    },

    async find(slug: string): Promise<StoredLink | undefined> {
      const { rows } = await db.query<LinkRow>(
        "links.find",
        `SELECT ${COLUMNS} FROM links WHERE slug = $1`,
        [slug],
      );
      return rows[0] && toLink(rows[0]);
    },

    async remove(slug: string): Promise<boolean> {
      const { rowCount } = await db.query("links.delete", "DELETE FROM links WHERE slug = $1", [
        slug,
      ]);
      return rowCount > 0;
    },

    /** The redirect's read: the target alone, no row lock. */
    async target(slug: string): Promise<string | undefined> {
      const { rows } = await db.query<{ url: string }>(
        "links.target",
        "SELECT url FROM links WHERE slug = $1",
        [slug],
      );
      return rows[0]?.url;
    },

    /**
     * Adds counted clicks in one statement. Slugs are sorted so that two replicas flushing at
     * once lock the rows in the same order (no deadlock); a deleted slug simply matches nothing.
     */
    async addClicks(counts: ReadonlyMap<string, number>): Promise<void> {
      if (counts.size === 0) return;
      const slugs = [...counts.keys()].sort();
      await db.query(
        "links.add_clicks",
        `UPDATE links AS l SET clicks = l.clicks + v.n
           FROM unnest($1::text[], $2::bigint[]) AS v(slug, n) WHERE l.slug = v.slug`,
        [slugs, slugs.map((slug) => counts.get(slug))],
      );
    },

    async mostClicked(limit: number): Promise<StoredLink[]> {
      const { rows } = await db.query<LinkRow>(
        "links.most_clicked",
        `SELECT ${COLUMNS} FROM links ORDER BY clicks DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toLink);
    },
  };
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
