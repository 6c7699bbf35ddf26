import { AppError } from "../errors.js";

// Opaque to clients so the ordering key can change without breaking them.
export const encodeCursor = (id: string) => Buffer.from(`v1:${id}`).toString("base64url");

export function decodeCursor(cursor: string): string {
  const match = /^v1:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1])
    throw new AppError(400, "invalid_cursor", "The cursor is not one this API returned.");
  return match[1];
}
