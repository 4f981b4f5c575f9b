import type { CliIo } from "../command.js";

/** One block of `chokepoint report`: a title, human lines, and the same facts as JSON. */
export interface ReportSection {
  title: string;
  lines: string[];
  json: Record<string, unknown>;
}

export interface ReportContext {
  io: CliIo;
  /** Evaluation date, YYYY-MM-DD. */
  date: string;
  /** Path of the embedded database, when the section needs it. */
  db?: string;
}

export type ReportSectionFn = (ctx: ReportContext) => Promise<ReportSection | null>;
