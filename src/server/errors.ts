/**
 * API errors as data: every failure the server reports is `{ error: { code, message, field? } }` with a status.
 * Handlers throw `ApiError`; the app's onError turns it (and anything unexpected) into that JSON body.
 */
import type { ZodError } from "zod";

/** Statuses the API answers errors with; 500 only for the server's own faults, never for request content. */
export type ErrorStatus = 400 | 403 | 404 | 405 | 408 | 409 | 413 | 415 | 422 | 500 | 503;

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** An error with an HTTP status, a stable machine-readable code and, where one is to blame, the input field. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }
}

/** A request field path as the client wrote it: `chips[3].tpp`, `params.leakRate`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function short(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Reads the value at a zod issue path so the message can quote what the client sent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * The first zod issue as an ApiError naming field and value: `invalid draws: 5000000 (Too big: expected number to be <=200000)`.
 * `prefix` is where the validated object sits in the request ("query" values are named bare, like body fields).
 */
export function fromZod(err: ZodError, input: unknown, prefix = "", status: ErrorStatus = 400): ApiError {
  const issue = err.issues[0];
  if (!issue) return new ApiError(status, "bad_input", "invalid request");
  const field = fieldPath(issue.path, prefix) || "body";
  // Transformed inputs (a comma list split into an array) have paths the raw input lacks: quote the nearest
  // enclosing value the client actually sent.
  let value: unknown;
  for (let n = issue.path.length; n >= 1 && value === undefined; n--)
    value = valueAt(input, issue.path.slice(0, n));
  const shown = value === undefined ? "missing" : short(value);
  const more = err.issues.length > 1 ? ` (+${err.issues.length - 1} more)` : "";
  return new ApiError(status, "bad_input", `invalid ${field}: ${shown} (${issue.message})${more}`, field);
}
