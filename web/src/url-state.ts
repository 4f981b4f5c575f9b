/**
 * Reading a page's state from its link, validated: a value that is unknown or out of range is replaced by the
 * default and reported, so the page shows "this link's X is not valid; showing Y" instead of stale charts or a
 * spinner that never ends. Pure (no DOM).
 */
import { isIso2 } from "../../src/engine/rules/countries.js";

export interface LinkIssue {
  param: string;
  value: string;
  /** What the page uses instead, in words. */
  fallback: string;
  /** Why the value was refused: an English template for t(), filled from whyVars. */
  why: string;
  whyVars?: Record<string, string | number>;
}

export class LinkReader {
  readonly issues: LinkIssue[] = [];
  constructor(readonly params: URLSearchParams) {}

  private refuse(
    param: string,
    value: string,
    why: string,
    fallback: unknown,
    whyVars?: Record<string, string | number>,
  ): void {
    this.issues.push({ param, value, why, fallback: String(fallback), ...(whyVars ? { whyVars } : {}) });
  }

  /** One of a fixed set of values. */
  oneOf<T extends string>(param: string, allowed: readonly T[], fallback: T): T {
    const v = this.params.get(param);
    if (v === null) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.refuse(param, v, "not one of {list}", fallback, {
      list: `${allowed.slice(0, 8).join(", ")}${allowed.length > 8 ? ", …" : ""}`,
    });
    return fallback;
  }

  /** An ISO date within [min, max]. */
  date(param: string, min: string, max: string, fallback: string): string {
    const v = this.params.get(param);
    if (v === null) return fallback;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      this.refuse(param, v, "not a date YYYY-MM-DD", fallback);
      return fallback;
    }
    if (v < min || v > max) {
      this.refuse(param, v, "outside {min} … {max}", fallback, { min, max });
      return fallback;
    }
    return v;
  }

  /** A two-letter country code (upper-cased). */
  country(param: string, fallback: string): string {
    const v = this.params.get(param);
    if (v === null) return fallback;
    const up = v.toUpperCase();
    if (isIso2(up)) return up;
    this.refuse(param, v, "not an ISO 3166 two-letter country code", fallback);
    return fallback;
  }

  /** A number within [min, max] (integers only when asked). */
  number(param: string, min: number, max: number, fallback: number, integer = false): number {
    const v = this.params.get(param);
    if (v === null) return fallback;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.refuse(param, v, integer ? "not a whole number" : "not a number", fallback);
      return fallback;
    }
    if (n < min || n > max) {
      this.refuse(param, v, "outside {min} … {max}", fallback, { min, max });
      return fallback;
    }
    return n;
  }

  /** A boolean written 1 or 0. */
  flag(param: string, fallback: boolean): boolean {
    const v = this.params.get(param);
    if (v === null) return fallback;
    if (v === "1" || v === "0") return v === "1";
    this.refuse(param, v, "not 1 or 0", fallback ? "1" : "0");
    return fallback;
  }

  /** A value checked later against a list that arrives from the API (say a chip id). */
  known(param: string, known: readonly string[] | null, fallback: string): string {
    const v = this.params.get(param);
    if (v === null) return fallback;
    if (known === null || known.includes(v)) return v;
    this.refuse(param, v, "not a known id", fallback);
    return fallback;
  }
}

/** Today as an ISO date (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
