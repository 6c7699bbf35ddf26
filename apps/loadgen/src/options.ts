import { parseArgs } from "node:util";
import { z } from "zod";

const schema = z.object({
  url: z.url({
    protocol: /^https?$/,
    error: "must be the API's base URL, e.g. http://127.0.0.1:3000",
  }),
  rps: z.coerce.number().positive().max(5000),
  token: z.string().min(16, "must be the API token (API_TOKEN), at least 16 characters").optional(),
  requests: z.coerce.number().int().positive().optional(),
  statusEvery: z.coerce.number().positive().max(3600),
  maxInFlight: z.coerce.number().int().positive().max(10_000),
  seed: z.coerce.number().int().optional(),
});

export type LoadOptions = z.infer<typeof schema>;

export class OptionsError extends Error {}

/** Flags win over environment variables (LOADGEN_URL, LOADGEN_RPS, API_TOKEN...), then defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): LoadOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        rps: { type: "string" },
        token: { type: "string" },
        requests: { type: "string" },
        "status-every": { type: "string" },
        "max-in-flight": { type: "string" },
        seed: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    // Unknown flags, or a value that looks like a flag (--rps -1): say so in the same way.
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse({
    url: values.url ?? env.LOADGEN_URL ?? "http://127.0.0.1:3000",
    rps: values.rps ?? env.LOADGEN_RPS ?? "20",
    token: values.token ?? env.API_TOKEN,
    requests: values.requests ?? env.LOADGEN_REQUESTS,
    statusEvery: values["status-every"] ?? env.LOADGEN_STATUS_EVERY ?? "5",
    maxInFlight: values["max-in-flight"] ?? env.LOADGEN_MAX_IN_FLIGHT ?? "200",
    seed: values.seed ?? env.LOADGEN_SEED,
  });
  if (!parsed.success) {
    throw new OptionsError(
      parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"),
    );
  }
  return parsed.data;
}
