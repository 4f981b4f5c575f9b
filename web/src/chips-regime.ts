/**
 * The Chips page's reading of the rule engine's answers: each chip's licence status on a date (from the very
 * classification POST /classify/batch returns), a one-line reason, the rules in force, the sentence that answers
 * the page's question, and label placement on the plane. Pure (no DOM), so the unit tests check it directly.
 */
import { formatDate, formatNumber, type Lang } from "../../src/engine/format/number.js";
import type { Status } from "../../src/engine/format/verdict.js";
import { tIn } from "./i18n.js";
import type { RuleInfo } from "./rules-data.js";

// The one-line answer and status of a classification are shared with the CLI (chokepoint classify).
export {
  describeReason,
  oneLineReason,
  type Status,
  statusLabel,
  statusOf,
} from "../../src/engine/format/verdict.js";

export const STATUSES: readonly Status[] = ["denial", "case", "free", "unknown"];

/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies): vermilion for a licence
 * presumed denied, orange for a licence reviewed case by case or presumed approved, bluish green for no licence,
 * grey for indeterminate. Each status also has its own dot shape, so colour is never the only cue.
 */
export const STATUS_COLOR: Record<Status, string> = {
  denial: "#D55E00",
  case: "#E69F00",
  free: "#009E73",
  unknown: "#8a8a8a",
};
export const STATUS_SYMBOL: Record<Status, string> = {
  denial: "square",
  case: "diamond",
  free: "circle",
  unknown: "times",
};

/** The rule version whose TPP × PD (or 2022 TPP-only) tests classify chips on a date: the plane's regions. */
export function planeRule(rules: readonly RuleInfo[], inForce: readonly string[]): RuleInfo | undefined {
  return rules
    .filter(
      (r) => inForce.includes(r.id) && (r.families ?? []).some((f) => f === "tpp_pd" || f === "perf_io"),
    )
    .sort((a, b) => ((a.effective ?? "") < (b.effective ?? "") ? -1 : 1))
    .at(-1);
}

/** Status of a rule version on a date, from its dated status entries (the engine's statusAt, on the API's list). */
export function ruleStatusOn(rule: RuleInfo, date: string): string | null {
  const list = Array.isArray(rule.status) ? (rule.status as { from: string; status: string }[]) : [];
  let s: string | null = null;
  for (const e of list) if (e.from <= date) s = e.status;
  return s;
}

export interface PlanePoint {
  id: string;
  name: string;
  vendor: string;
  tpp: number;
  pd: number;
  datacenter: boolean | null;
  release: string;
  sources: string;
  status: Status;
  reason: string;
  classification: string;
}

export interface Tally {
  total: number;
  byStatus: Record<Status, number>;
}

export function tally(points: readonly { status: Status }[]): Tally {
  const byStatus: Record<Status, number> = { denial: 0, case: 0, free: 0, unknown: 0 };
  for (const p of points) byStatus[p.status]++;
  return { total: points.length, byStatus };
}

/**
 * The page's answer in one sentence: on the date, for the destination and buyer, how many catalogue chips need a
 * licence, which well-known ones, and which rules are in force.
 */
export function regimeSentence(
  o: {
    date: string;
    destination: string;
    buyerHq: string;
    tally: Tally;
    licensed: readonly string[];
    free: readonly string[];
    rulesInForce: readonly string[];
  },
  lang: Lang,
): string {
  const tr = (en: string, vars?: Record<string, string | number>) => tIn(lang, en, vars);
  const need = o.tally.byStatus.denial + o.tally.byStatus.case;
  const list = (xs: readonly string[]) => (xs.length ? xs.slice(0, 5).join(", ") : "—");
  return tr(
    "On {date}, exporting to {dest} for a buyer headquartered in {hq}: {need} of {total} catalogue chips need a licence ({denial} presumed denied, {caseN} reviewed case by case), {free} need none and {unknown} cannot be decided from the data. Licence: {licensed}. No licence: {freeList}. Rules in force: {rules}.",
    {
      date: formatDate(o.date, lang),
      dest: o.destination,
      hq: o.buyerHq,
      need: formatNumber(need, { lang }),
      total: formatNumber(o.tally.total, { lang }),
      denial: o.tally.byStatus.denial,
      caseN: o.tally.byStatus.case,
      free: o.tally.byStatus.free,
      unknown: o.tally.byStatus.unknown,
      licensed: list(o.licensed),
      freeList: list(o.free),
      rules: o.rulesInForce.join(", ") || "—",
    },
  );
}

/** Chips a reader looks for first: labelled on the plane when space allows (the rest on hover). */
export const KEY_CHIPS = [
  "nvidia-h100-sxm",
  "nvidia-h200-sxm",
  "nvidia-h20",
  "nvidia-h800-sxm",
  "nvidia-a100-sxm4-80gb",
  "nvidia-a800-sxm4-80gb",
  "nvidia-b200",
  "nvidia-rtx-4090",
  "nvidia-l20",
  "amd-mi308x",
  "amd-mi300x",
  "huawei-ascend-910b",
  "huawei-ascend-910c",
  "cambricon-siyuan-590",
  "hygon-shensuan-1",
  "nvidia-v100-sxm2-32gb",
  "intel-gaudi3",
  "google-tpu-v5p",
];

export interface Placed {
  id: string;
  x: number;
  y: number;
  text: string;
  anchor: "start" | "end";
  dx: number;
  dy: number;
}

/**
 * Greedy label placement without overlaps: chips in priority order, each tried right, left, above and below its
 * dot; a label is kept only where its box (estimated from its length) hits no kept label, no other dot and stays
 * inside the plot. Coordinates are pixels.
 */
export function placeLabels(
  items: readonly { id: string; x: number; y: number; text: string }[],
  dots: readonly { x: number; y: number }[],
  bounds: { left: number; right: number; top: number; bottom: number },
  charWidth = 6,
  height = 11,
): Placed[] {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: Placed[] = [];
  for (const it of items) {
    const w = [...it.text].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) * charWidth;
    const tries: Omit<Placed, "id" | "x" | "y" | "text">[] = [
      { anchor: "start", dx: 7, dy: 0 },
      { anchor: "end", dx: -7, dy: 0 },
      { anchor: "start", dx: 2, dy: -11 },
      { anchor: "start", dx: 2, dy: 11 },
      { anchor: "end", dx: -2, dy: -11 },
      { anchor: "end", dx: -2, dy: 11 },
    ];
    for (const tr of tries) {
      const x0 = tr.anchor === "start" ? it.x + tr.dx : it.x + tr.dx - w;
      const b = { x0, x1: x0 + w, y0: it.y + tr.dy - height / 2, y1: it.y + tr.dy + height / 2 };
      if (b.x0 < bounds.left || b.x1 > bounds.right || b.y0 < bounds.top || b.y1 > bounds.bottom) continue;
      // The label's own dot is not an obstacle.
      const others = dots.filter((d) => d.x !== it.x || d.y !== it.y);
      const clash =
        boxes.some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0) ||
        others.some((d) => d.x > b.x0 - 3 && d.x < b.x1 + 3 && d.y > b.y0 - 3 && d.y < b.y1 + 3);
      if (clash) continue;
      boxes.push(b);
      out.push({ id: it.id, x: it.x, y: it.y, text: it.text, ...tr });
      break;
    }
  }
  return out;
}
