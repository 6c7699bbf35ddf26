import { z } from "zod";

// The second application's own settings, validated with the service's (../config.ts).
export const notesSettings = z
  .object({ NOTES_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(20) })
  .transform((env) => ({ pageSize: env.NOTES_PAGE_SIZE }));
