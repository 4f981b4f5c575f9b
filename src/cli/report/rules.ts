import type { ReportSectionFn } from "./section.js";

// Filled in by the rules capability; returns null until then.
export const rulesSection: ReportSectionFn = async () => null;
