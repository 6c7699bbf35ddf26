import { z } from "zod";
import { featureSettings } from "./feature.js";

// The one place that reads process.env. Everything else receives a typed Config.

const booleanFlag = z.stringbool({ truthy: ["true", "1", "yes"], falsy: ["false", "0", "no"] });
const milliseconds = z.coerce.number().int().min(0).max(600_000);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    API_TOKEN: z
      .string({ error: "is required: the bearer token that protects writes (see .env.example)" })
      .min(16, "must be at least 16 characters"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    // The owner role that may change the schema; DATABASE_URL is then the application role (DML only).
    DATABASE_MIGRATION_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    DATABASE_ALLOW_SUPERUSER: booleanFlag.default(false),
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: milliseconds.default(2000),
    DATABASE_QUERY_TIMEOUT_MS: milliseconds.default(5000),
    READINESS_TIMEOUT_MS: milliseconds.default(1000),
    SHUTDOWN_DELAY_MS: milliseconds.default(5000),
    SHUTDOWN_DRAIN_TIMEOUT_MS: milliseconds.default(20_000),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(256).max(1_048_576).default(16_384),
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    FAULTS_ENABLED: booleanFlag.default(false),
    APP_VERSION: z.string().min(1).default("0.0.0-dev"),
    APP_COMMIT: z.string().min(1).default("unknown"),
    APP_BUILD_DATE: z.string().min(1).default("unknown"),
    UI_COLOR: z
      .string()
      .regex(
        /^(#[0-9a-fA-F]{3,8}|[a-z]{3,20})$/,
        "must be a hex colour (#0f766e) or a CSS colour name",
      )
      .default("#0f766e"),
    // Unset: the application's home page says its own default.
    UI_MESSAGE: z.string().max(200).optional(),
    // Read by the home page's fault panel (with FAULTS_ENABLED) for its alerts, error budgets and
    // notifications; `npm run demo` sets both.
    PROMETHEUS_URL: z.url({ protocol: /^https?$/ }).optional(),
    NOTIFICATIONS_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_MIGRATION_URL"],
        message: "needs DATABASE_URL too (the application role)",
      });
    }
    if (env.NODE_ENV === "production" && env.LOG_FORMAT === "pretty") {
      ctx.addIssue({
        code: "custom",
        path: ["LOG_FORMAT"],
        message: "pretty logs are for development only",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  host: string;
  port: number;
  apiToken: string;
  database:
    | {
        kind: "postgres";
        url: string;
        /** Owner role for migrations; undefined: migrations use `url`. */
        migrationUrl: string | undefined;
        allowSuperuser: boolean;
        poolMax: number;
        connectTimeoutMs: number;
        queryTimeoutMs: number;
      }
    | { kind: "pglite"; dataDir: string | undefined };
  readinessTimeoutMs: number;
  /** The application's own settings (its schema: `featureSettings` in ./feature.ts). */
  feature: z.output<typeof featureSettings>;
  shutdown: { delayMs: number; drainTimeoutMs: number };
  log: { level: Env["LOG_LEVEL"]; format: "json" | "pretty" };
  http: {
    bodyLimitBytes: number;
    writesPerMinute: number;
    trustProxyHops: number;
    publicBaseUrl: URL | undefined;
  };
  faultsEnabled: boolean;
  build: { version: string; commit: string; buildDate: string };
  ui: { color: string; message: string | undefined };
  panel: { prometheusUrl: string | undefined; notificationsUrl: string | undefined };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; throws a ConfigError that names every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings come from `VAR=` lines in env files: treat them as unset so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  // The service's schema and the application's, in one pass: every problem is reported at once.
  const parsed = envSchema.safeParse(cleaned);
  const feature = featureSettings.safeParse(cleaned);
  if (!parsed.success || !feature.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(feature.error?.issues ?? [])];
    throw new ConfigError(
      issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    apiToken: env.API_TOKEN,
    database: env.DATABASE_URL
      ? {
          kind: "postgres",
          url: env.DATABASE_URL,
          migrationUrl: env.DATABASE_MIGRATION_URL,
          allowSuperuser: env.DATABASE_ALLOW_SUPERUSER,
          poolMax: env.DATABASE_POOL_MAX,
          connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
          queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
        }
      : { kind: "pglite", dataDir: env.DATA_DIR },
    readinessTimeoutMs: env.READINESS_TIMEOUT_MS,
    feature: feature.data,
    shutdown: { delayMs: env.SHUTDOWN_DELAY_MS, drainTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT_MS },
    log: {
      level: env.LOG_LEVEL,
      format: env.LOG_FORMAT ?? (env.NODE_ENV === "development" ? "pretty" : "json"),
    },
    http: {
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE,
      trustProxyHops: env.TRUST_PROXY_HOPS,
      publicBaseUrl: env.PUBLIC_BASE_URL ? new URL(env.PUBLIC_BASE_URL) : undefined,
    },
    faultsEnabled: env.FAULTS_ENABLED,
    build: { version: env.APP_VERSION, commit: env.APP_COMMIT, buildDate: env.APP_BUILD_DATE },
    ui: { color: env.UI_COLOR, message: env.UI_MESSAGE },
    panel: { prometheusUrl: env.PROMETHEUS_URL, notificationsUrl: env.NOTIFICATIONS_URL },
  };
}
