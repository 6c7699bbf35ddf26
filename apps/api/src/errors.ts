// The one error shape of the API: {"error": {"code", "message", "details"?}}.

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** The database could not be reached or dropped the connection: a 503 the client may retry. */
export class DatabaseUnavailableError extends AppError {
  constructor(cause: unknown) {
    super(503, "database_unavailable", "The database is unavailable; retry later.");
    this.cause = cause;
  }
}

/** A query ran past DATABASE_QUERY_TIMEOUT_MS. */
export class DatabaseTimeoutError extends AppError {
  constructor(cause: unknown) {
    super(504, "database_timeout", "The database did not answer in time; retry later.");
    this.cause = cause;
  }
}
