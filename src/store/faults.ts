/**
 * Storage faults as data: a database file that cannot be opened or written, a full disk, a damaged file. The API
 * answers them with 503 `{ error: { code, message } }`, the CLI with one line and exit 1; both name the file.
 * Node only (reads SQLite and file-system error codes).
 */

export type StoreFaultCode = "store_unavailable" | "store_full" | "store_corrupt";

export class StoreFault extends Error {
  override name = "StoreFault";
  constructor(
    readonly code: StoreFaultCode,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** What to tell the user for each class of fault (the path is added in front). */
const ADVICE: Record<StoreFaultCode, string> = {
  store_unavailable: "cannot be opened or written",
  store_full: "cannot be written: the disk is full",
  store_corrupt: "is damaged (SQLite reports a malformed database)",
};

/** The fault class of an error from SQLite or the file system, or null when it is not a storage fault. */
export function faultCode(err: unknown): StoreFaultCode | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return "store_full";
  if (code === "SQLITE_CORRUPT" || code.startsWith("SQLITE_CORRUPT_") || code === "SQLITE_NOTADB")
    return "store_corrupt";
  if (
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_IOERR") ||
    code === "SQLITE_PERM" ||
    code === "SQLITE_AUTH" ||
    code.startsWith("SQLITE_BUSY") ||
    code.startsWith("SQLITE_LOCKED") ||
    code === "EACCES" ||
    code === "EPERM" ||
    code === "EROFS" ||
    code === "EIO"
  )
    return "store_unavailable";
  return null;
}

/** The error as a StoreFault naming `path`, or null when it is not a storage fault. */
export function toStoreFault(err: unknown, path: string): StoreFault | null {
  if (err instanceof StoreFault) return err;
  const code = faultCode(err);
  if (!code) return null;
  const detail = err instanceof Error ? err.message : String(err);
  const busy = /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code));
  const what = busy ? "is locked by another writer for longer than the 5 s wait" : ADVICE[code];
  return new StoreFault(code, `database ${path} ${what} (${detail})`, path);
}
