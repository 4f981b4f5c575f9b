/**
 * Reading a user's input file (batch files, Epoch exports, --data) with the same limits the API puts on a request
 * body: a size cap and strict UTF-8. Node only.
 */
import { closeSync, openSync, readSync } from "node:fs";

/** A file the user named cannot be used: the CLI answers exit 2 with this message (`field` is the flag). */
export class InputFileError extends Error {
  override name = "InputFileError";
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Largest input file a command reads (batch files, Epoch imports, --data), bytes: the API's import limit. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a UTF-8 text file of at most `max` bytes, in chunks so a device or pipe that never ends (`/dev/zero`) is
 * refused at the limit instead of filling memory. Text that is not UTF-8 (a Latin-1 export) is refused naming the
 * byte offset, as the API refuses it, rather than read with replacement characters.
 */
export function readInputFile(path: string, flag: string, max = MAX_INPUT_FILE_BYTES): string {
  // `flag` as messages name it ("--file", or "file" for a positional argument); the field drops the dashes.
  const field = flag.replace(/^-+/, "");
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw new InputFileError(
      `invalid ${flag}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      field,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        throw new InputFileError(
          `invalid ${flag}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
          field,
        );
      }
      if (n === 0) break;
      size += n;
      if (size > max)
        throw new InputFileError(`invalid ${flag}: ${path} is larger than the limit of ${max} bytes`, field);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new InputFileError(
      `invalid ${flag}: ${path} is not valid UTF-8 (first bad byte 0x${bytes[at]?.toString(16).padStart(2, "0")} at offset ${at}; re-save it as UTF-8)`,
      field,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
