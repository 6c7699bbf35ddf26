import express, { type Express, type Request, type RequestHandler, type Response } from "express";
import type { z } from "zod";
import { AppError } from "../errors.js";

/**
 * One table drives both Express and the OpenAPI document: each route declares its input schemas
 * once, `mountRoutes` validates requests with them and `buildOpenApiDocument` describes them.
 */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export interface RouteDefinition<P = unknown, Q = unknown, B = unknown> {
  method: "get" | "post" | "put" | "delete";
  path: string;
  operationId: string;
  summary: string;
  tags: readonly string[];
  /** "write": rate-limited and needs the bearer token. */
  access: "public" | "write";
  /** false for routes that must keep working while faults are injected (the fault API itself). */
  faultable?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  responses: Record<number, RouteResponse>;
  handler: (input: RouteInput<P, Q, B>, req: Request, res: Response) => Promise<void> | void;
}

export type AnyRoute = RouteDefinition<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  route: RouteDefinition<P, Q, B>,
): AnyRoute {
  return route as AnyRoute;
}

export interface RouteGuards {
  faults: RequestHandler;
  rateLimit: RequestHandler;
  auth: RequestHandler;
  bodyLimitBytes: number;
}

function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    400,
    "validation_failed",
    `The request ${where} is invalid.`,
    result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join("."),
      message: issue.message,
    })),
  );
}

const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is("application/json")) {
    next(new AppError(415, "unsupported_media_type", "Send the body as application/json."));
    return;
  }
  next();
};

export function mountRoutes(app: Express, routes: AnyRoute[], guards: RouteGuards): void {
  const jsonBody = express.json({ limit: guards.bodyLimitBytes, strict: true });
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.faultable !== false) chain.push(guards.faults);
    if (route.access === "write") chain.push(guards.rateLimit, guards.auth);
    if (route.body) chain.push(requireJson, jsonBody);
    chain.push(async (req, res) => {
      const input: RouteInput<unknown, unknown, unknown> = {
        params: parseInput<unknown>(route.params, req.params, "path"),
        query: parseInput<unknown>(route.query, req.query, "query"),
        body: parseInput<unknown>(route.body, req.body, "body"),
      };
      await route.handler(input, req, res);
    });
    app[route.method](route.path, ...chain);
  }
}
