import type { PartyEntry, PartyList } from "../engine/rules/parties.js";
import { parseCsv } from "./csv.js";

/**
 * The Consolidated Screening List (trade.gov: Commerce, State and Treasury lists in one file) as the user downloads
 * it, CSV or JSON. Pure parser: checks the columns it needs, reads every row, and fails naming the line (CSV) or
 * index (JSON) of the first bad row — the caller stores nothing unless the whole file reads.
 */

/** Columns the import needs; the published file has more (addresses, ids, programs …), kept out. */
export const CSL_REQUIRED = ["name", "source"] as const;
export const CSL_OPTIONAL = [
  "_id",
  "entity_number",
  "alt_names",
  "federal_register_notice",
  "start_date",
  "license_requirement",
  "license_policy",
  "source_list_url",
  "addresses",
] as const;
/** Largest file accepted (bytes): the published CSV is about 20–30 MB. */
export const MAX_CSL_BYTES = 200 * 1024 * 1024;
export const MAX_CSL_ROWS = 200_000;

export class CslError extends Error {
  override name = "CslError";
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(message);
  }
}

export function policyOf(text: string): PartyEntry["policy"] {
  const t = text.toLowerCase();
  if (t.includes("presumption of denial") || t.includes("policy of denial")) return "presumption-of-denial";
  if (t.includes("case-by-case") || t.includes("case by case")) return "case-by-case";
  if (t.includes("presumption of approval")) return "presumption-of-approval";
  return null;
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(asText).filter(Boolean).join("; ");
  if (typeof v === "object") return "";
  return String(v).trim();
}

function toEntry(r: Record<string, unknown>, where: string, seq: number): PartyEntry {
  const name = asText(r.name);
  if (name === "") throw new CslError(`${where}: invalid name: empty`, where);
  if (name.length > 1000)
    throw new CslError(`${where}: invalid name: ${name.length} characters (at most 1000)`, where);
  const source = asText(r.source);
  if (source === "") throw new CslError(`${where}: invalid source: empty (the list the entry is on)`, where);
  const aliases = asText(r.alt_names)
    .split(";")
    .map((a) => a.trim())
    .filter((a) => a !== "" && a.length <= 1000);
  const start = asText(r.start_date);
  const policyText = asText(r.license_policy);
  const id = asText(r.entity_number) || asText(r._id) || String(seq);
  return {
    id: `${source
      .replace(/[^A-Za-z0-9]+/g, "-")
      .toLowerCase()
      .slice(0, 60)}:${id}`,
    name,
    aliases,
    country: null,
    licenceRequirement: asText(r.license_requirement),
    policy: policyOf(policyText),
    policyText: policyText || "not stated in the list",
    citation: asText(r.federal_register_notice) || source,
    effective: /^\d{4}-\d{2}-\d{2}/.test(start) ? start.slice(0, 10) : null,
    source: asText(r.source_list_url) || source,
    notes: asText(r.addresses).slice(0, 500),
  };
}

/** Reads a CSL file's text; `kind` from the file name (.json → JSON, else CSV). */
export function parseCsl(text: string, kind: "csv" | "json", file: string): PartyEntry[] {
  const out: PartyEntry[] = [];
  if (kind === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new CslError(`${file}: not valid JSON (${(err as Error).message})`, file);
    }
    const rows = Array.isArray(data)
      ? data
      : data && typeof data === "object" && Array.isArray((data as { results?: unknown }).results)
        ? (data as { results: unknown[] }).results
        : null;
    if (!rows)
      throw new CslError(`${file}: expected a JSON array of entries or an object with "results"`, file);
    if (rows.length > MAX_CSL_ROWS)
      throw new CslError(`${file}: ${rows.length} entries (at most ${MAX_CSL_ROWS})`, file);
    rows.forEach((r, i) => {
      const where = `${file} entry ${i + 1}`;
      if (!r || typeof r !== "object" || Array.isArray(r))
        throw new CslError(`${where}: must be an object`, where);
      const missing = CSL_REQUIRED.filter((c) => !(c in r));
      if (missing.length) throw new CslError(`${where}: missing field(s) ${missing.join(", ")}`, where);
      out.push(toEntry(r as Record<string, unknown>, where, i + 1));
    });
    return out;
  }
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text);
  } catch (err) {
    throw new CslError(`${file}: ${(err as Error).message}`, file);
  }
  const missing = CSL_REQUIRED.filter((c) => !table.header.includes(c));
  if (missing.length)
    throw new CslError(
      `${file} line 1: missing column(s) ${missing.join(", ")} (found: ${table.header.slice(0, 12).join(", ")}${table.header.length > 12 ? ", …" : ""}); expected the Consolidated Screening List CSV from trade.gov`,
      `${file} line 1`,
    );
  if (table.rows.length > MAX_CSL_ROWS)
    throw new CslError(`${file}: ${table.rows.length} rows (at most ${MAX_CSL_ROWS})`, file);
  for (const [i, row] of table.rows.entries())
    out.push(toEntry(row.record, `${file} line ${row.line}`, i + 1));
  return out;
}

/** Splits imported entries into the Entity List part (which creates a licence requirement) and the rest. */
export function cslLists(
  entries: PartyEntry[],
  meta: { version: number; asOf: string; file: string },
): PartyList[] {
  const isEl = (e: PartyEntry) => /^entity-list/.test(e.id);
  const base = {
    asOf: meta.asOf,
    source: `Consolidated Screening List ${meta.file} (imported dataset version ${meta.version})`,
  };
  return [
    {
      ...base,
      id: `csl-${meta.version}-entity-list`,
      title: `Consolidated Screening List v${meta.version}: Entity List entries`,
      licensing: "entity-list" as const,
      entries: entries.filter(isEl),
    },
    {
      ...base,
      id: `csl-${meta.version}-other`,
      title: `Consolidated Screening List v${meta.version}: other lists (SDN, Unverified, MEU, Denied Persons …)`,
      licensing: "screen-only" as const,
      entries: entries.filter((e) => !isEl(e)),
    },
  ];
}
