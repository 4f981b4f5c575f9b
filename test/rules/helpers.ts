import { readFileSync } from "node:fs";
import { loadRuleset } from "../../src/data/rules.js";
import { blankChip } from "../support/blank-chip.js";
import type { Chip } from "../../src/engine/chips/types.js";
import type { EvalChip } from "../../src/engine/rules/evaluate.js";

export const ruleset = loadRuleset();

/** A chip with every field empty except the ones given. */
export function spec(p: Partial<Chip>): Chip {
  return blankChip({ releaseDate: "2020-01-01", ...p });
}

/** A chip with a given TPP (as 16-bit TFLOPS = TPP / 16, exact in binary for the values used) and die area. */
export function byTpp(tpp: number, dieAreaMm2: number | null, more: Partial<EvalChip> = {}): Chip {
  return spec({ fp16Tflops: tpp / 16, dieAreaMm2, ...more });
}

export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}
