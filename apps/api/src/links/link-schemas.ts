import { z } from "zod";
import { MAX_URL_LENGTH, targetUrlProblem } from "./target-url.js";

// Paths the service owns: a slug may not shadow them.
export const RESERVED_SLUGS = new Set([
  "api",
  "assets",
  "livez",
  "readyz",
  "metrics",
  "version",
  "healthz",
]);

export const SlugSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, "must be 3 to 64 characters among A-Z a-z 0-9 _ -")
  .refine((slug) => !RESERVED_SLUGS.has(slug.toLowerCase()), "is reserved by the service")
  .meta({ id: "Slug", examples: ["devops-docs"] });

export const TargetUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH)
  .superRefine((value, ctx) => {
    const problem = targetUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ format: "uri", examples: ["https://www.francecompetences.fr/recherche/rncp/36061/"] });

export const CreateLinkBody = z
  .strictObject({ url: TargetUrlSchema, slug: SlugSchema.optional() })
  .meta({ id: "CreateLink" });

export const SlugParams = z.object({ slug: SlugSchema });

export const ListLinksQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "must be a cursor returned by a previous page")
    .optional(),
});

export const LinkSchema = z
  .object({
    slug: z.string(),
    url: z.string(),
    shortUrl: z.string(),
    clicks: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Link" });

export const LinkPageSchema = z
  .object({ items: z.array(LinkSchema), nextCursor: z.string().nullable() })
  .meta({ id: "LinkPage" });

export type Link = z.infer<typeof LinkSchema>;
