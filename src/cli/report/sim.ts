import type { ReportSectionFn } from "./section.js";

// Filled in by the sim capability; returns null until then.
export const simSection: ReportSectionFn = async () => null;
