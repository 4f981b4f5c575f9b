/**
 * Provenance grades: how much a figure can be trusted, by the kind of source it rests on. Shared by the chip
 * catalogue, the model rows and the outputs that use them (pure; no Node imports).
 *
 * primary    — the rule text (Federal Register / CFR), a vendor datasheet or a company filing
 * dataset    — a row of a curated public dataset (Epoch AI), taken as published
 * secondary  — press, analyst or law-firm reports of a figure
 * estimate   — derived by a stated method (the row's notes or compute_method say how)
 * roadmap    — announced by the vendor for a part that had not shipped when the figure was given
 * unverified — flagged as not yet checked by the dataset's own maintainers (Epoch's "Unverified")
 *
 * In a CSV the grade is one cell: the row's grade first, then per-field exceptions, e.g.
 * `dataset; fp8_tflops=roadmap; io_bw_gbps=secondary`. Field names are the file's column names.
 */
export const GRADES = ["primary", "dataset", "secondary", "estimate", "roadmap", "unverified"] as const;
export type Grade = (typeof GRADES)[number];

export interface Provenance {
  /** Grade of the row as a whole (every field not listed in `fields`). */
  grade: Grade;
  /** Fields whose grade differs from the row's, keyed by column name. */
  fields: Record<string, Grade>;
}

export function isGrade(s: string): s is Grade {
  return (GRADES as readonly string[]).includes(s);
}

/**
 * Parses `grade; field=grade; …`. Returns the provenance or a message naming the bad part; `columns`, when given,
 * limits the field names to those columns.
 */
export function parseProvenance(
  text: string,
  columns?: readonly string[],
): { ok: true; value: Provenance } | { ok: false; message: string } {
  const parts = text
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: "is required but empty" };
  const [head, ...rest] = parts as [string, ...string[]];
  if (!isGrade(head))
    return { ok: false, message: `${JSON.stringify(head)} is not a grade (must be ${GRADES.join(", ")})` };
  const fields: Record<string, Grade> = {};
  for (const p of rest) {
    const m = /^([a-z0-9_]+)\s*=\s*([a-z]+)$/.exec(p);
    if (!m) return { ok: false, message: `${JSON.stringify(p)} is not field=grade` };
    const [, field, grade] = m as unknown as [string, string, string];
    if (columns && !columns.includes(field))
      return { ok: false, message: `${JSON.stringify(field)} is not a column of this file` };
    if (!isGrade(grade))
      return {
        ok: false,
        message: `${JSON.stringify(grade)} (for ${field}) is not a grade (must be ${GRADES.join(", ")})`,
      };
    if (field in fields) return { ok: false, message: `${field} is graded twice` };
    fields[field] = grade;
  }
  return { ok: true, value: { grade: head, fields } };
}

/** The CSV cell for a provenance: the row grade, then exceptions in the order given. */
export function formatProvenance(p: Provenance): string {
  return [p.grade, ...Object.entries(p.fields).map(([f, g]) => `${f}=${g}`)].join("; ");
}

/** The grade of one field (its exception, else the row's). */
export function gradeOf(p: Provenance, field: string): Grade {
  return p.fields[field] ?? p.grade;
}

/** Grades other than primary and dataset: figures a conclusion should say it rests on. */
export function isWeak(g: Grade): boolean {
  return g === "secondary" || g === "estimate" || g === "roadmap" || g === "unverified";
}
