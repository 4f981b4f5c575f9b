import type { Lang } from "../../engine/format/number.js";
import type { CliIo } from "../command.js";

/** One block of `chokepoint report`: a title, human lines, and the same facts as JSON. */
export interface ReportSection {
  /** English title: the section's key in --json, whatever the language. */
  title: string;
  /** The title in the report's language (human output). */
  heading: string;
  lines: string[];
  json: Record<string, unknown>;
}

export interface ReportContext {
  io: CliIo;
  /** Evaluation date, YYYY-MM-DD. */
  date: string;
  /** Path of the embedded database, when the section needs it. */
  db?: string;
  /** Language of the human lines (--lang; default en); JSON stays English. */
  lang?: Lang;
}

export type ReportSectionFn = (ctx: ReportContext) => Promise<ReportSection | null>;
