/**
 * ISO 3166-1 alpha-2 validation that works in Node and in a browser worker (Intl region names, no data file).
 * Codes Intl accepts but ISO does not assign to a country are refused explicitly.
 */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "UK", "ZZ", "QO", "XA", "XB"]);
let names: Intl.DisplayNames | null = null;

const known = new Map<string, boolean>();

export function isIso2(code: string): boolean {
  const hit = known.get(code);
  if (hit !== undefined) return hit;
  const ok = checkIso2(code);
  if (known.size < 1000) known.set(code, ok);
  return ok;
}

function checkIso2(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  names ??= new Intl.DisplayNames(["en"], { type: "region" });
  try {
    const name = names.of(code);
    return name !== undefined && name !== code;
  } catch {
    return false;
  }
}

/** English name of a country code, or the code itself when unknown. */
export function countryName(code: string): string {
  names ??= new Intl.DisplayNames(["en"], { type: "region" });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
