import type { ReportSectionFn } from "./section.js";

// Filled in by the gap capability; returns null until then.
export const gapSection: ReportSectionFn = async () => null;
