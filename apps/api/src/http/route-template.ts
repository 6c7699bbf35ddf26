import type { Request } from "express";

/**
 * The template of the route a request matched (`/api/items/:id`), or undefined before routing
 * or when nothing matched. Metrics and fault injection both key on it, never on the raw URL.
 */
export function routeTemplate(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === "string" ? req.baseUrl + path : undefined;
}
