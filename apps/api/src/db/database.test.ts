import { describe, expect, it } from "vitest";
import { DatabaseTimeoutError, DatabaseUnavailableError } from "../errors.js";
import { classifyDatabaseError, withTimeout } from "./database.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("classifyDatabaseError", () => {
  it.each([
    withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
    withCode("the database system is shutting down", "57P03"),
    withCode("connection failure", "08006"),
    new Error("Connection terminated unexpectedly"),
    new Error("timeout exceeded when trying to connect"),
    new Error("PGlite is closed"),
    new AggregateError([withCode("x", "ECONNREFUSED")], "all attempts failed"),
  ])("maps %s to database_unavailable", (error) => {
    expect(classifyDatabaseError(error)).toBeInstanceOf(DatabaseUnavailableError);
  });

  it("maps query timeouts to database_timeout", () => {
    expect(classifyDatabaseError(new Error("Query read timeout"))).toBeInstanceOf(
      DatabaseTimeoutError,
    );
    expect(
      classifyDatabaseError(withCode("canceling statement due to statement timeout", "57014")),
    ).toBeInstanceOf(DatabaseTimeoutError);
  });

  it("lets query errors through unchanged", () => {
    const error = withCode("duplicate key", "23505");
    expect(classifyDatabaseError(error)).toBe(error);
  });
});

describe("withTimeout", () => {
  it("rejects with database_unavailable when the promise outlives the timeout", async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, "ping")).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    await expect(withTimeout(Promise.resolve(7), 1000, "ping")).resolves.toBe(7);
  });
});
