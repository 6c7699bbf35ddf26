import { z } from "zod";
import { createDocument } from "zod-openapi";
import type { AnyRoute } from "./route-table.js";

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ["validation_failed"] }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error", description: "The one error shape of the API." });

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBodySchema } },
});

/** Error statuses every route can answer, derived from what it declares. */
function commonErrors(route: AnyRoute) {
  const errors: Record<string, ReturnType<typeof errorResponse>> = {};
  if (route.params || route.query || route.body) errors["400"] = errorResponse("Invalid input.");
  if (route.access === "write") {
    errors["401"] = errorResponse("Missing or wrong bearer token.");
    errors["429"] = errorResponse("Too many writes; see the RateLimit headers.");
  }
  if (route.body) {
    errors["413"] = errorResponse("Body larger than the limit.");
    errors["415"] = errorResponse("Body is not application/json.");
  }
  errors["503"] = errorResponse("Database unavailable.");
  errors["504"] = errorResponse("Database timed out.");
  return errors;
}

/** Express `/api/items/:id` becomes OpenAPI `/api/items/{id}`. */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

export function buildOpenApiDocument(
  routes: AnyRoute[],
  info: { version: string; title: string; description: string },
): ReturnType<typeof createDocument> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    const responses: Record<string, unknown> = { ...commonErrors(route) };
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.headers ? { headers: response.headers } : {}),
        ...(response.schema
          ? { content: { "application/json": { schema: response.schema } } }
          : {}),
      };
    }
    paths[path] = {
      ...paths[path],
      [route.method]: {
        operationId: route.operationId,
        summary: route.summary,
        tags: [...route.tags],
        ...(route.access === "write" ? { security: [{ bearerAuth: [] }] } : {}),
        requestParams: {
          ...(route.params ? { path: route.params } : {}),
          ...(route.query ? { query: route.query } : {}),
        },
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: route.body } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: info.title,
      version: info.version,
      description: info.description,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    },
    paths,
  });
}
