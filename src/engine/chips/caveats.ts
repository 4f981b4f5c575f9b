/**
 * What a chip's classification rests on that is not primary or dataset-grade (pure). The rule tests read TPP (from
 * one precision figure), die area (PD), DRAM bandwidth and chip-to-chip I/O; a weak grade on any of them, or a TPP
 * that is only a lower bound, is a caveat every output repeats next to the answer.
 */
import { gradeOf, isWeak } from "../provenance.js";
import { type ChipSpecs, tpp, tppIsLowerBound } from "./metrics.js";
import { type Chip, PRECISIONS } from "./types.js";

export interface Caveat {
  /** chips.csv column, or "tpp" for the lower-bound caveat. */
  field: string;
  /** Human sentence, e.g. "fp8_tflops is a roadmap figure". */
  message: string;
}

const GRADE_WORDS: Record<string, string> = {
  secondary: "a secondary (press or analyst) figure",
  estimate: "an estimate (method in notes)",
  roadmap: "a roadmap figure (announced, not shipped)",
  unverified: "an unverified figure",
};

/** The caveats of a catalogue chip's classification, in the order TPP, die area, memory bandwidth, I/O. */
export function classificationCaveats(chip: Chip | (ChipSpecs & Pick<Chip, "provenance">)): Caveat[] {
  const out: Caveat[] = [];
  const t = tpp(chip);
  if (tppIsLowerBound(chip))
    out.push({
      field: "tpp",
      message: `TPP ${Math.round(t.tpp! * 100) / 100} is a lower bound: no 16-bit or narrower figure is known, so the classification is not settled`,
    });
  const p = chip.provenance;
  if (!p) return out;
  const used: string[] = [];
  if (t.precision) used.push(PRECISIONS.find((x) => x.field === t.precision)!.column);
  if (chip.dieAreaMm2 !== null && chip.dieAreaMm2 !== undefined) used.push("die_area_mm2");
  if (chip.memoryBandwidthGBps !== null && chip.memoryBandwidthGBps !== undefined)
    used.push("memory_bw_gbps");
  if (chip.ioBandwidthGBps !== null && chip.ioBandwidthGBps !== undefined) used.push("io_bw_gbps");
  for (const f of used) {
    const g = gradeOf(p, f);
    if (isWeak(g)) out.push({ field: f, message: `${f} is ${GRADE_WORDS[g]}` });
  }
  return out;
}
