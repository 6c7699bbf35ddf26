import type { Request } from "express";
import { z } from "zod";
import { AppError } from "../errors.js";
import { defineRoute, type AnyRoute } from "../http/route-table.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import {
  CreateLinkBody,
  LinkPageSchema,
  LinkSchema,
  ListLinksQuery,
  SlugParams,
  type Link,
} from "./link-schemas.js";
import type { LinkStore } from "./link-store.js";
import { generateSlug, type StoredLink } from "./links-repository.js";
import { pointsToService } from "./target-url.js";

export interface LinksRouteDeps {
  links: LinkStore;
  publicBaseUrl: URL | undefined;
}

const SLUG_FORMAT = /^[A-Za-z0-9_-]{3,64}$/;

/** How the OpenAPI document names this application. */
export const LINKS_API_INFO = {
  title: "Shortlinks API",
  description: "Sample application of the fil-rouge DevOps project: a link shortener.",
};

export function linksRoutes({ links, publicBaseUrl }: LinksRouteDeps): AnyRoute[] {
  const baseUrl = (req: Request) =>
    publicBaseUrl?.origin ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  const present = (req: Request, link: StoredLink): Link => ({
    slug: link.slug,
    url: link.url,
    shortUrl: `${baseUrl(req)}/${link.slug}`,
    clicks: link.clicks,
    createdAt: link.createdAt.toISOString(),
  });
  const notFound = () => new AppError(404, "link_not_found", "No link has this slug.");

  return [
    defineRoute({
      method: "post",
      path: "/api/links",
      operationId: "createLink",
      summary: "Shorten a URL, with a chosen slug or a generated one.",
      tags: ["links"],
      access: "write",
      body: CreateLinkBody,
      responses: {
        201: { description: "Created.", schema: LinkSchema },
        409: { description: "The slug is taken." },
      },
      async handler({ body }, req, res) {
        if (pointsToService(body.url, [req.get("host"), publicBaseUrl?.host])) {
          throw new AppError(400, "validation_failed", "The request body is invalid.", [
            { path: "body.url", message: "must not point to this service" },
          ]);
        }
        let created: StoredLink | undefined;
        if (body.slug) {
          created = await links.insert(body.slug, body.url);
          if (!created) throw new AppError(409, "slug_taken", "This slug is already in use.");
        } else {
          // 57^7 slugs: a collision is rare, three in a row means something else is wrong.
          for (let attempt = 0; attempt < 3 && !created; attempt++) {
            created = await links.insert(generateSlug(), body.url);
          }
          if (!created)
            throw new AppError(
              503,
              "slug_space_exhausted",
              "Could not generate a free slug; retry.",
            );
        }
        links.metrics.linksCreated.inc();
        res.status(201).location(`/api/links/${created.slug}`).json(present(req, created));
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/links",
      operationId: "listLinks",
      summary: "List links, newest first, one page at a time.",
      tags: ["links"],
      access: "public",
      query: ListLinksQuery,
      responses: { 200: { description: "A page of links.", schema: LinkPageSchema } },
      async handler({ query }, req, res) {
        const beforeId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        const rows = await links.list(query.limit + 1, beforeId);
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        res.json({
          items: page.map((link) => present(req, link)),
          nextCursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
        });
      },
    }),
    defineRoute({
      method: "get",
      path: "/api/links/:slug",
      operationId: "getLink",
      summary: "One link with its stored click count (it may lag by up to one second).",
      tags: ["links"],
      access: "public",
      params: SlugParams,
      responses: {
        200: { description: "The link.", schema: LinkSchema },
        404: { description: "Unknown slug." },
      },
      async handler({ params }, req, res) {
        const link = await links.find(params.slug);
        if (!link) throw notFound();
        res.json(present(req, link));
      },
    }),
    defineRoute({
      method: "delete",
      path: "/api/links/:slug",
      operationId: "deleteLink",
      summary: "Delete a link.",
      tags: ["links"],
      access: "write",
      params: SlugParams,
      responses: { 204: { description: "Deleted." }, 404: { description: "Unknown slug." } },
      async handler({ params }, _req, res) {
        if (!(await links.remove(params.slug))) throw notFound();
        res.status(204).end();
      },
    }),
    defineRoute({
      method: "get",
      path: "/:slug",
      operationId: "followLink",
      summary: "Redirect to the link's URL and count the click.",
      tags: ["redirect"],
      access: "public",
      // Any single path segment lands here; a malformed slug is simply not found.
      params: z.object({ slug: z.string().meta({ examples: ["devops-docs"] }) }),
      responses: {
        302: {
          description: "Redirect to the target.",
          headers: { Location: { description: "The target URL.", schema: z.string() } },
        },
        404: { description: "Unknown slug." },
      },
      async handler({ params }, _req, res) {
        const url = SLUG_FORMAT.test(params.slug) ? await links.resolve(params.slug) : undefined;
        links.metrics.redirects.inc({ result: url ? "found" : "not_found" });
        if (!url) throw notFound();
        await links.recordClick(params.slug);
        // no-store: a cached redirect would never be counted again.
        res.setHeader("Cache-Control", "no-store");
        res.redirect(302, url);
      },
    }),
  ];
}
