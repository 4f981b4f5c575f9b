import {
  type ChipSpecs,
  H100_SXM_TPP,
  type PrecisionField,
  pd as perfDensity,
  type TppResult,
  tpp,
} from "../chips/metrics.js";
import { PRECISIONS } from "../chips/types.js";
import { formatNumber } from "../format/number.js";
import { isIsoDate } from "../units/quarters.js";
import { isIso2 } from "./countries.js";
import {
  canonicalCountry,
  type CountryGroups,
  inGroup,
  type RuleVersion,
  type Ruleset,
  statusAt,
} from "./ruleset.js";
import { checkPartyName, PartyInputError, type ScreenResult, screenName } from "./parties.js";
import { type AffiliatesRule, affiliatesStatusAt } from "./affiliates.js";
import { type ItemsFile, programmePolicy, type SanctionsProgramme, sanctionsFor } from "./sanctions.js";
import type { Criterion, ExceptionRule, ReviewPolicy, RuleStatus, Scope, Standing } from "./schema.js";

/** A chip as the engine sees it: the specs, plus an optional standalone HBM stack for 3A090.c. */
export interface EvalChip extends ChipSpecs {
  id?: string;
  name?: string;
  /** TPP stated directly (e.g. from a classification request) when per-precision figures are not given. */
  tppGiven?: number;
  /** Only for standalone HBM stacks: stack bandwidth and stack area (3A090.c). */
  hbmStack?: { bandwidthGBps: number; areaMm2: number };
  /** A computer (server, board) holding `units` of this chip: classified under 4A090 by the chips inside. */
  computer?: { units: number };
  /** The item is described by this other ECCN (e.g. 5A992): a 3A090-level item is then its .z paragraph. */
  alsoEccn?: string;
  /**
   * The item is software or technology of this ECCN (3D001, 3E001, 4D001, 4D090, 4E001, 5D002, 5D992, 5E002, 5E992)
   * for the chip (or computer, or .z item with alsoEccn) described: data/items.json softwareTechnology.
   */
  softwareTech?: string;
}

/** The item as listed: the IC's 3A090 class, a 4A090 computer holding such ICs, or a .z paragraph. */
export interface ItemResult {
  kind: "integrated-circuit" | "hbm-stack" | "computer" | "software" | "technology";
  eccn: string;
  paragraph: string;
  citation: string;
  standing?: Standing;
  units?: number;
  /** units × chip TPP and H100e, for information (4A090 is defined by the ICs, not the sum). */
  aggregateTpp?: number | null;
  aggregateH100e?: number | null;
}

export interface EvalContext {
  /** YYYY-MM-DD */
  date: string;
  /** ISO2 destination of the export; HK is treated as CN. */
  destination: string;
  /** ISO2 headquarters of the buyer (or its ultimate parent); defaults to the destination. */
  buyerHq?: string;
  /** Free-text end use; end-use controls (§744.23) are not modelled and say so. */
  endUse?: string;
  /** ISO2 country the item ships from (default US). */
  shipFrom?: string;
  /** export (from the US), reexport (between two foreign countries) or in-country transfer; derived when omitted. */
  kind?: TransactionKind;
  /** A region of the destination that a sanctions programme names (crimea, sevastopol, donetsk, luhansk for UA). */
  region?: string;
  /** Whether the exporter received a BIS is-informed letter (binds only those informed, §744.23(b)); unknown when omitted. */
  informed?: boolean;
  /** Foreign-made items: produced from US technology or tools as §734.9(h) describes (the advanced-computing FDP rule). */
  foreignDirectProduct?: boolean;
  /** Foreign-made items: controlled US-origin content as a percent of the item's value (de minimis, §734.4). */
  usContentPercent?: number;
  /** Names of the buyer and the consignee, screened against the ruleset's restricted-party lists. */
  buyer?: string;
  consignee?: string;
  /**
   * Who owns the buyer and how much (percent of the buyer, 0–100): each owner is screened against the Entity List
   * so that the Affiliates rule (data/affiliates-rule.json) can be applied on the date.
   */
  ownedBy?: readonly OwnerShare[];
}

export interface OwnerShare {
  name: string;
  /** Share of the buyer held, percent (0–100), directly or indirectly. */
  percent: number;
}

/** Most owners accepted in ownedBy (a longer ownership chain is summarised by the user). */
export const MAX_OWNERS = 20;

/** The buyer's owners as screened, and whether the Affiliates rule made the buyer a listed party's affiliate. */
export interface OwnershipResult {
  owners: { name: string; percent: number; listed: boolean; entries: string[]; screening: ScreenResult }[];
  /** Combined share of the owners with an Entity List hit, percent. */
  listedPercent: number;
  thresholdPercent: number | null;
  /** The rule's status on the date (null: not yet in effect, or its data was not loaded). */
  status: "in-force" | "suspended" | null;
  /** Whether the buyer takes on its listed owners' licence requirement on this date. */
  applied: boolean;
}

export type TransactionKind = "export" | "reexport" | "in-country-transfer";
export const TRANSACTION_KINDS: readonly TransactionKind[] = ["export", "reexport", "in-country-transfer"];

export type Classification = "3A090.a" | "3A090.b" | "3A090.c" | "not-3A090" | "indeterminate";
export type ExceptionId = "NAC" | "ACA" | "HBM" | "LPP" | "AIA";

export interface Reason {
  ruleId: string;
  paragraph: string;
  test: string;
  values: Record<string, number | string | boolean | null>;
  /** Whether the test's condition holds; null when an input it needs is missing. */
  passed: boolean | null;
  citation: string;
  note?: string;
  /** The Federal Register page (or range) that put the paragraph in the CFR, when located. */
  pin?: string;
  /** How the text binds when it is not plain codified rule text (not enforced, is-informed only, guidance, secondary). */
  standing?: Standing;
  /** The layer that added the reason. */
  layer?: Layer;
}

export type Layer = "transaction" | "item" | "destination" | "sanctions" | "parties" | "exceptions";

/**
 * What imposes a licence requirement: a Part 746 programme, an Entity List listing, the Affiliates rule (listed
 * owners), the 3A090/4A090 licence (destination or headquarters scope), the AI Diffusion tiers, or the 2025-04
 * bandwidth letters (is-informed only). The order here is the tie-break order of `Evaluation.requirements`.
 */
export type RequirementKind =
  | "sanctions"
  | "entity-list"
  | "affiliates-rule"
  | "item-scope"
  | "diffusion-tier"
  | "is-informed";
export const REQUIREMENT_ORDER: readonly RequirementKind[] = [
  "sanctions",
  "entity-list",
  "affiliates-rule",
  "item-scope",
  "diffusion-tier",
  "is-informed",
];

/** One licence requirement that applies to this transaction: the paragraph that imposes it and its review policy. */
export interface Requirement {
  kind: RequirementKind;
  ruleId: string;
  /** The paragraph that imposes the licence requirement. */
  paragraph: string;
  citation: string;
  pin?: string;
  standing?: Standing;
  /** What caught this transaction, in words and numbers. */
  test: string;
  /** The review policy this requirement carries (null: none published, or an input is missing). */
  policy: ReviewPolicy | null;
  /** The paragraph of that review policy (null when none is cited). */
  policyParagraph: string | null;
}

/** A licence exception the result offers, with what it takes to use it. */
export interface ExceptionDetail {
  id: ExceptionId;
  paragraph: string;
  citation: string;
  conditions: string[];
  mechanics: string[];
  standing?: Standing;
}

/** The transaction as the engine read it. */
export interface Transaction {
  shipFrom: string;
  destination: string;
  kind: TransactionKind | "not-an-export";
  /** Whether the item is subject to the EAR (null: a foreign-made item whose FDP/de minimis status was not given). */
  subjectToEar: boolean | null;
}

export interface Metrics {
  tpp: number | null;
  tppPrecision: PrecisionField | null;
  pd: number | null;
  dieAreaMm2: number | null;
  memoryBandwidthGBps: number | null;
  ioBandwidthGBps: number | null;
  h100e: number | null;
  /** How each figure was computed, in words and numbers. */
  how: { tpp: string; pd: string; h100e: string };
}

/** The DESIGN §3 result object. */
export interface Evaluation {
  date: string;
  destination: string;
  buyerHq: string;
  rules: { id: string; status: RuleStatus }[];
  metrics: Metrics;
  classification: Classification;
  licenseRequired: boolean | null;
  reviewPolicy: ReviewPolicy | null;
  /**
   * The licence requirements that apply (empty when no licence is required or the answer is indeterminate), the
   * strictest review policy first and, between equal policies, in REQUIREMENT_ORDER. The classification alone is not
   * one: a 3A090 item needs a licence only where a scope (destination or headquarters) reaches it.
   */
  requirements: Requirement[];
  exceptions: ExceptionId[];
  /** The item as listed (4A090 computer, .z paragraph) — `classification` stays the ICs' 3A090 class. */
  item: ItemResult;
  /** The offered exceptions with their conditions and mechanics (same order as `exceptions`). */
  exceptionDetails: ExceptionDetail[];
  transaction: Transaction;
  /** Party screening of the buyer and consignee names (null when no name was given). */
  screening: { role: "buyer" | "consignee"; result: ScreenResult }[] | null;
  /** Part 746 programmes that reach this destination on this date (ids in data/sanctions.json). */
  sanctions: string[];
  reasons: Reason[];
  /** The buyer's owners and the Affiliates rule (only when ownedBy was given). */
  ownership?: OwnershipResult;
}

/** Bad input to evaluate(): names the field and the value. */
export class RuleInputError extends Error {
  override name = "RuleInputError";
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const NUMERIC_FIELDS: { key: keyof ChipSpecs; column: string; positive?: boolean }[] = [
  ...PRECISIONS.map((p) => ({ key: p.field, column: p.column })),
  { key: "dieAreaMm2", column: "die_area_mm2", positive: true },
  { key: "memoryBandwidthGBps", column: "memory_bw_gbps" },
  { key: "ioBandwidthGBps", column: "io_bw_gbps" },
];

const PRECISION_LABEL: Record<PrecisionField, string> = {
  fp64Tflops: "FP64 TFLOPS",
  tf32Tflops: "TF32 TFLOPS",
  fp16Tflops: "FP16 TFLOPS",
  fp8Tflops: "FP8 TFLOPS",
  int8Tops: "INT8 TOPS",
  fp4Tflops: "FP4 TFLOPS",
};

/**
 * TF32's bit length in TPP is a reading, not a BIS text: the operation takes and yields 32-bit words, so it is
 * counted at 32 (the stricter reading); Epoch AI counts the format's 19 significant bits. Shown whenever TF32 sets
 * the TPP; docs/rules.md lists the catalogue chips whose answer differs (AWS Trainium1, Inferentia2, Trainium3).
 */
const TF32_NOTE =
  "; TF32 counted at 32 bits (the operand width, a documented reading — no BIS text; Epoch AI counts 19 bits: see docs/rules.md)";

const FLAG_FIELDS = ["informed", "foreignDirectProduct"] as const;
const PARTY_ROLES = ["buyer", "consignee"] as const;

// Batch rows repeat a few dates: each valid one is parsed once.
const validDates = new Set<string>();
function checkDate(d: string): boolean {
  if (!isIsoDate(d)) return false;
  if (validDates.size > 10_000) validDates.clear();
  validDates.add(d);
  return true;
}

/** Checks a chip's numbers and the context; throws RuleInputError naming the field. */
export function validateInput(chip: EvalChip, ctx: EvalContext): void {
  for (const f of NUMERIC_FIELDS) {
    const v = chip[f.key] as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RuleInputError(`invalid ${f.column}: ${String(v)} (must be a finite number)`, f.column);
    if (f.positive ? v <= 0 : v < 0)
      throw new RuleInputError(`invalid ${f.column}: ${v} (must be ${f.positive ? "> 0" : "≥ 0"})`, f.column);
  }
  if (chip.tppGiven !== undefined && (!Number.isFinite(chip.tppGiven) || chip.tppGiven < 0))
    throw new RuleInputError(`invalid tpp: ${chip.tppGiven} (must be a finite number ≥ 0)`, "tpp");
  if (chip.computer !== undefined) {
    const u = chip.computer.units;
    if (typeof u !== "number" || !Number.isInteger(u) || u < 1 || u > 1_000_000)
      throw new RuleInputError(
        `invalid computer units: ${JSON.stringify(u)} (must be a whole number of chips from 1 to 1,000,000)`,
        "computer",
      );
  }
  if (chip.hbmStack) {
    const { bandwidthGBps: b, areaMm2: a } = chip.hbmStack;
    if (!Number.isFinite(b) || b < 0)
      throw new RuleInputError(`invalid hbm_stack_bw_gbps: ${b} (must be ≥ 0)`, "hbm_stack_bw_gbps");
    if (!Number.isFinite(a) || a <= 0)
      throw new RuleInputError(`invalid hbm_stack_area_mm2: ${a} (must be > 0)`, "hbm_stack_area_mm2");
  }
  if (typeof ctx.date !== "string" || !(validDates.has(ctx.date) || checkDate(ctx.date)))
    throw new RuleInputError(`invalid date: ${JSON.stringify(ctx.date)} (must be a date YYYY-MM-DD)`, "date");
  if (typeof ctx.destination !== "string" || !isIso2(ctx.destination))
    throw new RuleInputError(
      `invalid destination: ${JSON.stringify(ctx.destination)} (must be an ISO 3166-1 alpha-2 country code, e.g. CN)`,
      "destination",
    );
  if (ctx.buyerHq !== undefined && (typeof ctx.buyerHq !== "string" || !isIso2(ctx.buyerHq)))
    throw new RuleInputError(
      `invalid buyerHq: ${JSON.stringify(ctx.buyerHq)} (must be an ISO 3166-1 alpha-2 country code, e.g. CN)`,
      "buyerHq",
    );
  if (ctx.shipFrom !== undefined && (typeof ctx.shipFrom !== "string" || !isIso2(ctx.shipFrom)))
    throw new RuleInputError(
      `invalid shipFrom: ${JSON.stringify(ctx.shipFrom)} (must be an ISO 3166-1 alpha-2 country code, e.g. US)`,
      "shipFrom",
    );
  if (ctx.kind !== undefined) {
    if (!TRANSACTION_KINDS.includes(ctx.kind))
      throw new RuleInputError(
        `invalid kind: ${JSON.stringify(ctx.kind)} (must be one of ${TRANSACTION_KINDS.join(", ")})`,
        "kind",
      );
    const derived = deriveKind(ctx.shipFrom ?? "US", ctx.destination);
    if (derived !== "not-an-export" && derived !== ctx.kind)
      throw new RuleInputError(
        `invalid kind: ${JSON.stringify(ctx.kind)} (shipping from ${ctx.shipFrom ?? "US"} to ${ctx.destination} is ${derived === "export" ? "an export" : `a ${derived}`})`,
        "kind",
      );
  }
  if (ctx.region !== undefined && (typeof ctx.region !== "string" || !/^[a-z-]{1,40}$/.test(ctx.region)))
    throw new RuleInputError(
      `invalid region: ${JSON.stringify(ctx.region)} (must be a lower-case region name such as crimea)`,
      "region",
    );
  for (const k of FLAG_FIELDS)
    if (ctx[k] !== undefined && typeof ctx[k] !== "boolean")
      throw new RuleInputError(`invalid ${k}: ${JSON.stringify(ctx[k])} (must be true or false)`, k);
  for (const role of PARTY_ROLES)
    if (ctx[role] !== undefined)
      try {
        checkPartyName(ctx[role], role);
      } catch (err) {
        if (err instanceof PartyInputError) throw new RuleInputError(err.message, err.field);
        throw err;
      }
  const pct = ctx.usContentPercent;
  if (pct !== undefined && (typeof pct !== "number" || !Number.isFinite(pct) || pct < 0 || pct > 100))
    throw new RuleInputError(
      `invalid usContentPercent: ${JSON.stringify(pct)} (must be a number from 0 to 100)`,
      "usContentPercent",
    );
  if (ctx.ownedBy !== undefined) checkOwners(ctx.ownedBy);
}

/** ownedBy: 1–20 owners, each a screenable name and a share from 0 to 100 %, the shares adding up to ≤ 100 %. */
function checkOwners(owners: unknown): void {
  if (!Array.isArray(owners) || owners.length === 0 || owners.length > MAX_OWNERS)
    throw new RuleInputError(
      `invalid ownedBy: ${Array.isArray(owners) ? `${owners.length} owners` : JSON.stringify(owners)} (must list 1 to ${MAX_OWNERS} owners, each { name, percent })`,
      "ownedBy",
    );
  let total = 0;
  owners.forEach((o: unknown, i) => {
    const field = `ownedBy[${i}]`;
    if (o === null || typeof o !== "object" || Array.isArray(o))
      throw new RuleInputError(`invalid ${field}: ${JSON.stringify(o)} (must be { name, percent })`, field);
    const { name, percent } = o as { name?: unknown; percent?: unknown };
    try {
      checkPartyName(name, `${field}.name`);
    } catch (err) {
      if (err instanceof PartyInputError) throw new RuleInputError(err.message, err.field);
      throw err;
    }
    if (typeof percent !== "number" || !Number.isFinite(percent) || percent < 0 || percent > 100)
      throw new RuleInputError(
        `invalid ${field}.percent: ${JSON.stringify(percent)} (must be a share of the buyer from 0 to 100 %)`,
        `${field}.percent`,
      );
    total += percent;
  });
  if (total > 100 + 1e-9)
    throw new RuleInputError(
      `invalid ownedBy: the shares add up to ${fmtNum(total)} % (owners cannot hold more than 100 % of the buyer)`,
      "ownedBy",
    );
}

/**
 * The EAR's name for a shipment (§734.13, §734.14, §734.16): from the US, an export; between two foreign countries,
 * a reexport; within one foreign country, a transfer (in-country). A delivery inside the US is none of them.
 */
export function deriveKind(shipFrom: string, destination: string): TransactionKind | "not-an-export" {
  if (destination === "US") return "not-an-export";
  if (shipFrom === "US") return "export";
  return shipFrom === destination ? "in-country-transfer" : "reexport";
}

type Tri = boolean | null;
const fmtNum = (x: number) => String(Math.round(x * 1000) / 1000);
function or3(...v: Tri[]): Tri {
  if (v.includes(true)) return true;
  return v.includes(null) ? null : false;
}
function and3(...v: Tri[]): Tri {
  if (v.includes(false)) return false;
  return v.includes(null) ? null : true;
}

const POLICY_RANK: Record<ReviewPolicy, number> = {
  "presumption-of-approval": 1,
  "case-by-case": 2,
  "presumption-of-denial": 3,
};

/** Per-criterion licence outcome before the results are combined. */
interface LicenceVote {
  ruleId: string;
  required: Tri;
  policy: ReviewPolicy | null;
  exceptions: ExceptionId[];
  /** The requirement this vote stands for, when it requires a licence (required === true). */
  req?: Requirement;
}

interface Work {
  /** false in summary mode: skip building reasons and "how" strings (batch CSV output needs neither). */
  full: boolean;
  chip: EvalChip;
  date: string;
  dest: string;
  hq: string;
  groups: CountryGroups;
  m: Metrics;
  reasons: Reason[];
  votes: LicenceVote[];
  kind: TransactionKind | "not-an-export";
  /** Nothing to license: a delivery inside the US, or a foreign-made item outside the EAR. */
  outOfScope: boolean;
  informed: boolean | undefined;
  /** Exceptions offered so far, with their conditions (created with the first offer). */
  exDetails: Map<ExceptionId, ExceptionDetail> | null;
  /** Facts and reasons that depend only on the context (date, destination, headquarters, ship-from, region). */
  memo: ContextMemo;
  /** The software or technology entry the item is (null for hardware). */
  st: SoftwareTechEntry | null;
  /** The item as listed when it is software or technology (set by the software/technology layer). */
  stItem: ItemResult | null;
}

type SoftwareTechEntry = ItemsFile["softwareTechnology"][number];

/**
 * Per-context memo. Reasons are immutable data: a reason whose every field follows from the context and the rule
 * data is built once, frozen, and shared by every result with that context (batch rows share a few contexts).
 * Keys are rule-data objects (a Scope, a criterion, a programme), so two rule versions never share an entry.
 */
interface ContextMemo {
  d: ReturnType<typeof canonicalCountry>;
  h: ReturnType<typeof canonicalCountry>;
  shipFrom: string;
  kind: TransactionKind | "not-an-export";
  /** Part 746 programmes reaching the destination (and region) on the date. */
  programmes: SanctionsProgramme[] | null;
  /** The transaction object per subject-to-EAR answer (false, true, null), shared in summary detail. */
  transactions: (Transaction | undefined)[];
  /** Boolean facts per rule-data object: a scope's hit, a criterion's denial-group membership. */
  facts: Map<object, boolean>;
  reasons: Map<object, Map<string, Reason>>;
  /** How each licence scope reaches (or misses) this context. */
  scopes: Map<Scope, ScopeInfo>;
  /** Requirements that follow from the context and rule data (shared, frozen). */
  reqs: Map<object, Map<string, Requirement>>;
}

/** A licence scope against one context: whether it reaches it, how, and the paragraph that does. */
interface ScopeInfo {
  hit: boolean;
  via: string | null;
  byHq: boolean;
  cite: { paragraph: string; citation: string; pin?: string | undefined; standing?: Standing | undefined };
  /** The requirement per class, policy and item kind (item, HBM stack, computer), built on first use. */
  reqs?: Map<string, Map<ReviewPolicy | null, Requirement[]>>;
}

// Nested by date, destination, headquarters, ship-from and region: lookups without building a key string per row.
type MemoTree = Map<string, unknown>;
const contextMemos = new WeakMap<Ruleset, { tree: MemoTree; size: number }>();

function child(m: MemoTree, k: string): MemoTree {
  let v = m.get(k) as MemoTree | undefined;
  if (v === undefined) m.set(k, (v = new Map()));
  return v;
}

function contextMemo(ruleset: Ruleset, ctx: EvalContext): ContextMemo {
  let memos = contextMemos.get(ruleset);
  if (!memos || memos.size > 5000) contextMemos.set(ruleset, (memos = { tree: new Map(), size: 0 }));
  const tree = memos.tree;
  const hqRaw = ctx.buyerHq ?? ctx.destination;
  const shipRaw = ctx.shipFrom ?? "US";
  const leaf = child(child(child(child(tree, ctx.date), ctx.destination), hqRaw), shipRaw);
  const region = ctx.region ?? "";
  let m = leaf.get(region) as ContextMemo | undefined;
  if (!m) {
    const { groups } = ruleset;
    const d = canonicalCountry(groups, ctx.destination, ctx.date);
    const h = canonicalCountry(groups, hqRaw, ctx.date);
    const shipFrom = canonicalCountry(groups, shipRaw, ctx.date).code;
    const kind = deriveKind(shipFrom, d.code);
    const programmes = ruleset.sanctions
      ? sanctionsFor(ruleset.sanctions, d.code, ctx.region, ctx.date)
      : null;
    m = {
      d,
      h,
      shipFrom,
      kind,
      programmes,
      transactions: [],
      facts: new Map(),
      reasons: new Map(),
      scopes: new Map(),
      reqs: new Map(),
    };
    memos.size++;
    leaf.set(region, m);
  }
  return m;
}

/** A reason shared between results: frozen (with its values) so that no reader can change another's result. */
function freeze(r: Reason): Reason {
  Object.freeze(r.values);
  return Object.freeze(r);
}

function memoGet(memo: ContextMemo, key: object, sub: string): Reason | undefined {
  return memo.reasons.get(key)?.get(sub);
}

function memoPut(memo: ContextMemo, key: object, sub: string, r: Reason): Reason {
  let m = memo.reasons.get(key);
  if (!m) memo.reasons.set(key, (m = new Map()));
  m.set(sub, freeze(r));
  return r;
}

/** A requirement memoised per context (key: a rule-data or context object; sub: what else it depends on). */
function memoReq(memo: ContextMemo, key: object, sub: string, build: () => Requirement): Requirement {
  let m = memo.reqs.get(key);
  if (!m) memo.reqs.set(key, (m = new Map()));
  let r = m.get(sub);
  if (!r) m.set(sub, (r = Object.freeze(build())));
  return r;
}

/** Reasons that follow from the rule data and a few small values alone (no context): shared by every result. */
const dataMemo = new WeakMap<object, Map<string, Reason>>();

function dataReason(key: object, sub: string, build: () => Reason): Reason {
  let m = dataMemo.get(key);
  if (!m) dataMemo.set(key, (m = new Map()));
  let r = m.get(sub);
  if (!r) m.set(sub, (r = freeze(build())));
  return r;
}

/** Exception detail objects, one per exception rule, shared by every result that offers it. */
const exceptionDetails = new WeakMap<ExceptionRule, ExceptionDetail>();

const NO_PROGRAMMES: SanctionsProgramme[] = Object.freeze([]) as unknown as SanctionsProgramme[];
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const NO_REASONS: Reason[] = Object.freeze([]) as unknown as Reason[];
const NO_DETAILS: ExceptionDetail[] = Object.freeze([]) as unknown as ExceptionDetail[];
const NO_EXCEPTIONS: ExceptionId[] = Object.freeze([]) as unknown as ExceptionId[];

const PD_DIGITS = 4;

/**
 * A performance density as formatNumber(pd, { digits: 4 }) writes it ("2.431", "1,235"). For 10⁻³ ≤ pd < 10⁴ it
 * writes the same text without Intl (the largest single cost of a full-detail classification when profiled): ICU rounds the
 * shortest round-trip decimal of the double (what String() writes) half away from zero, keeps at most four
 * significant digits, drops trailing zeros and groups thousands with commas (en-US). test/rules/pd-format.test.ts
 * checks the two agree on ties, carries and random values.
 */
export function formatPd(p: number): string {
  if (!(p >= 1e-3 && p < 10 ** PD_DIGITS)) return formatNumber(p, { digits: PD_DIGITS });
  // Fast path: when the value is not within a hair of a rounding tie, rounding the double itself gives the same
  // four digits as rounding its shortest decimal; ties (and near-ties) take the string path below.
  let e = Math.floor(Math.log10(p));
  if (10 ** e > p) e--;
  else if (10 ** (e + 1) <= p) e++;
  const x = p * 10 ** (PD_DIGITS - 1 - e);
  const frac = x - Math.floor(x);
  let digits: string;
  let point: number; // the decimal point falls after this many digits
  if (Math.abs(frac - 0.5) > 1e-9) {
    let n = Math.round(x);
    if (n >= 10 ** PD_DIGITS) {
      n /= 10;
      e++;
    }
    digits = String(n);
    point = e + 1;
  } else {
    const s = String(p); // no exponent in this range
    const dot = s.indexOf(".");
    digits = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
    point = dot < 0 ? s.length : dot;
    let lead = 0;
    while (digits.charCodeAt(lead) === 48) lead++;
    digits = digits.slice(lead);
    point -= lead;
    if (digits.length > PD_DIGITS) {
      const up = digits.charCodeAt(PD_DIGITS) >= 53; // "5"
      digits = digits.slice(0, PD_DIGITS);
      if (up) {
        const n = String(Number(digits) + 1);
        if (n.length > PD_DIGITS) point++; // 9999 → 10000: one more integer digit
        digits = n.slice(0, PD_DIGITS);
      }
    }
  }
  let int: string;
  let fraction: string;
  if (point <= 0) {
    int = "0";
    fraction = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + "0".repeat(point - digits.length);
    fraction = "";
  } else {
    int = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end);
  if (int.length > 3) int = `${int.slice(0, int.length - 3)},${int.slice(int.length - 3)}`;
  return fraction ? `${int}.${fraction}` : int;
}

const NO_HOW: Metrics["how"] = Object.freeze({ tpp: "", pd: "", h100e: "" });

// The "how" sentences repeat across a batch (one per precision and figure): written once each.
const tppHows = new Map<PrecisionField, Map<number, string>>();
const h100eHows = new Map<number, string>();

function tppHow(t: TppResult & { tpp: number; precision: PrecisionField }): string {
  let m = tppHows.get(t.precision);
  if (!m) tppHows.set(t.precision, (m = new Map()));
  let s = m.get(t.tops!);
  if (s === undefined) {
    s = `${t.tops} ${PRECISION_LABEL[t.precision]} × ${t.bits} bits = ${t.tpp} (max over precisions)${t.precision === "tf32Tflops" ? TF32_NOTE : ""}`;
    if (m.size > 10_000) m.clear();
    m.set(t.tops!, s);
  }
  return s;
}

function h100eHow(tppValue: number): string {
  let s = h100eHows.get(tppValue);
  if (s === undefined) {
    s = `${tppValue} / ${H100_SXM_TPP} (H100 SXM TPP)`;
    if (h100eHows.size > 10_000) h100eHows.clear();
    h100eHows.set(tppValue, s);
  }
  return s;
}

function computeMetrics(chip: EvalChip, full: boolean): Metrics {
  const fromSpecs = tpp(chip);
  const given = chip.tppGiven !== undefined && (fromSpecs.tpp === null || chip.tppGiven > fromSpecs.tpp);
  const t = given ? { tpp: chip.tppGiven!, precision: null, bits: null, tops: null } : fromSpecs;
  const area = chip.dieAreaMm2 ?? null;
  const p = perfDensity(t.tpp, area);
  return {
    tpp: t.tpp,
    tppPrecision: t.precision,
    pd: p,
    dieAreaMm2: area,
    memoryBandwidthGBps: chip.memoryBandwidthGBps ?? null,
    ioBandwidthGBps: chip.ioBandwidthGBps ?? null,
    h100e: t.tpp === null ? null : t.tpp / H100_SXM_TPP,
    how: !full
      ? NO_HOW
      : {
          tpp: given
            ? `${t.tpp} as given`
            : t.tpp === null
              ? "unknown: no dense per-precision figure"
              : tppHow(t as TppResult & { tpp: number; precision: PrecisionField }),
          pd:
            p === null
              ? area === null
                ? "unknown: die_area_mm2 missing"
                : "unknown: TPP missing"
              : `${t.tpp} TPP / ${area} mm² = ${formatPd(p)}`,
          h100e: t.tpp === null ? "unknown: TPP missing" : h100eHow(t.tpp),
        },
  };
}

/** How a licence scope meets the context (memoised per context). */
function scopeInfo(w: Work, s: Scope): ScopeInfo {
  const memo = w.memo;
  let info = memo.scopes.get(s);
  if (info) return info;
  const { dest, hq, date, groups } = w;
  let via: string | null = null;
  let byHq = false;
  const direct = s.destinations.find((d) => d.code === dest && (!d.from || d.from <= date));
  if (direct) via = `destination ${dest} named`;
  if (!via) {
    const g = s.destinationGroups.find((g) => inGroup(groups, g, dest, date));
    const ex = s.excludeGroups.find((g) => inGroup(groups, g, dest, date));
    if (g && !ex) via = `destination ${dest} in ${g}`;
    else if (g && ex) via = null;
  }
  if (!via) {
    const g = s.headquartersGroups.find((g) => inGroup(groups, g, hq, date));
    if (g) {
      via = `buyer headquartered in ${hq} (${g}); the headquarters rule applies to destinations outside the United States`;
      byHq = true;
    }
  }
  const hqPara = byHq
    ? s.headquartersParagraphs.find((p) => (!p.from || p.from <= date) && (!p.to || date <= p.to))
    : undefined;
  info = { hit: via !== null, via, byHq, cite: hqPara ?? s };
  memo.scopes.set(s, info);
  return info;
}

/** Whether a licence scope catches this destination / buyer, with a reason (both memoised per context). */
function scopeHit(w: Work, ruleId: string, s: Scope): ScopeInfo | null {
  if (w.outOfScope) return null;
  const info = scopeInfo(w, s);
  if (w.full) {
    const memo = w.memo;
    const r = memoGet(memo, s, "");
    if (r) w.reasons.push(r);
    else {
      const cite = info.cite;
      w.reasons.push(
        memoPut(memo, s, "", {
          ruleId,
          paragraph: cite.paragraph,
          test: info.byHq
            ? "buyer headquartered (or its ultimate parent) in a listed group"
            : "destination or buyer headquarters within the licence scope",
          values: { destination: w.dest, buyerHq: w.hq },
          passed: info.hit,
          citation: cite.citation,
          layer: "destination",
          ...(cite.pin ? { pin: cite.pin } : {}),
          ...(cite.standing && cite.standing !== "codified" ? { standing: cite.standing } : {}),
          ...(info.via ? { note: info.via } : {}),
        }),
      );
    }
  }
  return info;
}

/** The requirement a licence scope imposes on an item it reaches (one per scope, class and policy per context). */
function scopeRequirement(
  w: Work,
  ruleId: string,
  info: ScopeInfo,
  kind: RequirementKind,
  cls: string,
  policy: ReviewPolicy | null,
  policyParagraph: string | null,
): Requirement {
  // Nested maps, no key strings: this runs for every licensed row of a batch. The policy paragraph follows from the
  // scope's criterion and the context, so (class, policy, item kind) picks the requirement.
  const which = w.chip.hbmStack ? 1 : w.chip.computer ? 2 : 0;
  const byCls = (info.reqs ??= new Map());
  let byPolicy = byCls.get(cls);
  if (!byPolicy) byCls.set(cls, (byPolicy = new Map()));
  let slots = byPolicy.get(policy);
  if (!slots) byPolicy.set(policy, (slots = []));
  let r = slots[which];
  if (!r) {
    r = Object.freeze({
      kind,
      ruleId,
      paragraph: info.cite.paragraph,
      citation: info.cite.citation,
      ...(info.cite.pin ? { pin: info.cite.pin } : {}),
      ...(info.cite.standing && info.cite.standing !== "codified" ? { standing: info.cite.standing } : {}),
      test: `${cls} ${ITEM_WORDS[which]}; ${info.via}`,
      policy,
      policyParagraph,
    });
    slots[which] = r;
  }
  return r;
}

const ITEM_WORDS = ["item", "HBM stack", "ICs in a 4A090 computer"] as const;

/** Records an offered exception and its conditions (built once per exception per result). */
function offer(w: Work, e: ExceptionRule): void {
  if (!w.full || w.exDetails?.has(e.id)) return;
  let d = exceptionDetails.get(e);
  if (!d) {
    d = Object.freeze({
      id: e.id,
      paragraph: e.paragraph,
      citation: e.citation,
      conditions: e.conditions,
      mechanics: e.mechanics,
      ...(e.standing && e.standing !== "codified" ? { standing: e.standing } : {}),
    });
    exceptionDetails.set(e, d);
  }
  (w.exDetails ??= new Map()).set(e.id, d);
}

const NO_TPP_KEY = {};

function hasTpp(w: Work, ruleId: string, paragraph: string, citation: string): boolean {
  if (w.m.tpp !== null) return true;
  if (w.full)
    w.reasons.push(
      dataReason(NO_TPP_KEY, `${ruleId}\u0000${paragraph}\u0000${citation}`, () => ({
        ruleId,
        paragraph,
        test: "TPP computable",
        values: { tpp: null },
        passed: null,
        citation,
        note: "missing every dense precision figure (fp64/tf32/fp16/fp8/int8/fp4): TPP cannot be computed",
      })),
    );
  return false;
}

function perfIo(w: Work, rule: RuleVersion, c: Extract<Criterion, { family: "perf_io" }>): Classification {
  const t = w.m.tpp;
  const io = w.m.ioBandwidthGBps;
  const perf: Tri = t === null ? (w.chip.hbmStack ? false : null) : t >= c.perf.atLeast;
  const ioOk: Tri = io === null ? null : io >= c.io.atLeastGBps;
  if (w.full) {
    const r1: Reason = {
      ruleId: rule.id,
      paragraph: c.perf.paragraph,
      test: c.perf.test,
      values: { tpp: t },
      passed: perf,
      citation: c.perf.citation,
    };
    if (c.perf.pin) r1.pin = c.perf.pin;
    if (t === null) r1.note = "missing dense precision figures: TPP unknown";
    const r2: Reason = {
      ruleId: rule.id,
      paragraph: c.io.paragraph,
      test: c.io.test,
      values: { ioBandwidthGBps: io },
      passed: ioOk,
      citation: c.io.citation,
    };
    if (c.io.pin) r2.pin = c.io.pin;
    if (io === null) r2.note = "missing io_bw_gbps";
    w.reasons.push(r1, r2);
  }
  const both = and3(perf, ioOk);
  const cls: Classification = both === true ? "3A090.a" : both === false ? "not-3A090" : "indeterminate";
  licenceFromClass(w, rule.id, cls, c.licence, c.reviewPolicy.policy, [], c.reviewPolicy);
  return cls;
}

function licenceFromClass(
  w: Work,
  ruleId: string,
  cls: Classification,
  s: Scope,
  policy: ReviewPolicy | null,
  exceptions: ExceptionId[],
  policyCite?: { paragraph: string; citation: string; pin?: string | undefined; why?: string },
): void {
  if (cls === "not-3A090") {
    w.votes.push({ ruleId, required: false, policy: null, exceptions: NO_EXCEPTIONS });
    return;
  }
  const info = scopeHit(w, ruleId, s);
  const required: Tri = !info?.hit ? false : cls === "indeterminate" ? null : true;
  const vote: LicenceVote = { ruleId, required, policy: required === false ? null : policy, exceptions };
  if (required === true)
    vote.req = scopeRequirement(w, ruleId, info!, "item-scope", cls, policy, policyCite?.paragraph ?? null);
  w.votes.push(vote);
  if (w.full && required !== false && policy && policyCite) {
    // The policy follows from the citation object (one per criterion and denial-group answer) and the class.
    const sub = `${cls}\u0000${policy}`;
    w.reasons.push(
      memoGet(w.memo, policyCite, sub) ??
        memoPut(w.memo, policyCite, sub, {
          ruleId,
          paragraph: policyCite.paragraph,
          test: `licence review policy for ${cls}: ${policy}`,
          values: { destination: w.dest, buyerHq: w.hq },
          passed: true,
          citation: policyCite.citation,
          layer: "destination",
          ...(policyCite.pin ? { pin: policyCite.pin } : {}),
          ...(policyCite.why ? { note: policyCite.why } : {}),
        }),
    );
  }
}

function tppPd(w: Work, rule: RuleVersion, c: Extract<Criterion, { family: "tpp_pd" }>): Classification {
  const cite = rule.citation;
  const t = w.m.tpp;
  const p = w.m.pd;
  let cls: Classification;
  if (t === null && w.chip.hbmStack)
    cls = "not-3A090"; // a memory stack has no processing units to rate
  else if (!hasTpp(w, rule.id, c.classes[0]!.prongs[0]!.paragraph, cite)) cls = "indeterminate";
  else {
    const byClass = new Map<string, Tri>();
    for (const k of c.classes) {
      const results: Tri[] = [];
      for (const pr of k.prongs) {
        const tppOk: Tri =
          (pr.tppAtLeast === undefined || t! >= pr.tppAtLeast) &&
          (pr.tppBelow === undefined || t! < pr.tppBelow);
        const needsPd = pr.pdAtLeast !== undefined || pr.pdBelow !== undefined;
        let pass: Tri = tppOk;
        if (tppOk && needsPd) {
          pass =
            p === null
              ? null
              : (pr.pdAtLeast === undefined || p >= pr.pdAtLeast) &&
                (pr.pdBelow === undefined || p < pr.pdBelow);
        }
        results.push(pass);
        if (w.full) {
          const r: Reason = {
            ruleId: rule.id,
            paragraph: pr.paragraph,
            test: pr.test,
            values: needsPd ? { tpp: t, pd: p } : { tpp: t },
            passed: pass,
            citation: cite,
          };
          if (pr.pin) r.pin = pr.pin;
          if (pass === null) r.note = "missing die_area_mm2: performance density needed for this test";
          w.reasons.push(r);
        }
      }
      byClass.set(k.eccn, or3(...results));
    }
    // (`?? false` would turn an unknown prong result into "not controlled")
    const a: Tri = byClass.has("3A090.a") ? byClass.get("3A090.a")! : false;
    const b: Tri = byClass.has("3A090.b") ? byClass.get("3A090.b")! : false;
    cls =
      a === true
        ? "3A090.a"
        : a === false && b === true
          ? "3A090.b"
          : a === false && b === false
            ? "not-3A090"
            : "indeterminate";
  }
  // Note 2: consumer parts below the TPP line are outside 3A090 whatever their density.
  if (cls !== "not-3A090" && t !== null && t < c.note2.tppBelow) {
    const dc = w.chip.datacenter ?? null;
    if (w.full) {
      const r: Reason = {
        ruleId: rule.id,
        paragraph: c.note2.paragraph,
        test: c.note2.test,
        values: { tpp: t, datacenter: dc },
        passed: dc === null ? null : !dc,
        citation: c.note2.citation,
      };
      if (c.note2.pin) r.pin = c.note2.pin;
      if (dc === null) r.note = "missing datacenter flag: Note 2 cannot be decided";
      w.reasons.push(r);
    }
    if (dc === false) cls = "not-3A090";
    else if (dc === null) cls = "indeterminate";
  }
  // Review policy and exceptions depend on who the parties are.
  let d5 = w.memo.facts.get(c.reviewPolicy);
  if (d5 === undefined) {
    d5 = c.reviewPolicy.denialGroups.some(
      (g) => inGroup(w.groups, g, w.dest, w.date) || inGroup(w.groups, g, w.hq, w.date),
    );
    w.memo.facts.set(c.reviewPolicy, d5);
  }
  const policy = d5 ? c.reviewPolicy.denial : c.reviewPolicy.otherwise;
  const exceptions: ExceptionId[] = [];
  const eligible =
    (cls === "3A090.b" || cls === "3A090.a") && !(cls === "3A090.a" && w.chip.datacenter !== false);
  if (eligible) {
    for (const e of c.exceptions) {
      if (e.from > w.date || (e.to && w.date > e.to)) continue;
      if (e.parties === "all" || (e.parties === "d5-macau") === d5) {
        exceptions.push(e.id);
        offer(w, e);
        if (w.full) {
          const dc = w.chip.datacenter ?? null;
          w.reasons.push(
            dataReason(e, `${cls}\u0000${dc}`, () => ({
              ruleId: rule.id,
              paragraph: e.paragraph,
              test: `License Exception ${e.id} available`,
              values: { classification: cls, datacenter: dc },
              passed: true,
              citation: e.citation,
              layer: "exceptions",
              ...(e.pin ? { pin: e.pin } : {}),
              ...(e.standing && e.standing !== "codified" ? { standing: e.standing } : {}),
              ...(e.conditions.length || e.mechanics.length
                ? { note: [...e.conditions, ...e.mechanics].join("; ") }
                : {}),
            })),
          );
        }
      }
    }
  }
  licenceFromClass(w, rule.id, cls, c.licence, policy, exceptions, policyCites(c)[d5 ? 1 : 0]);
  return cls;
}

type TppPdCriterion = Extract<Criterion, { family: "tpp_pd" }>;
type PolicyCite = TppPdCriterion["reviewPolicy"] & { why: string };
const policyCiteMemo = new WeakMap<TppPdCriterion, readonly [PolicyCite, PolicyCite]>();

/** The review-policy citation of a tpp_pd criterion with its reason, for parties outside and inside the denial groups. */
function policyCites(c: TppPdCriterion): readonly [PolicyCite, PolicyCite] {
  let v = policyCiteMemo.get(c);
  if (!v) {
    const groups = c.reviewPolicy.denialGroups;
    v = Object.freeze([
      Object.freeze({
        ...c.reviewPolicy,
        why: `destination and buyer headquarters outside ${groups.join(" and ")}`,
      }),
      Object.freeze({
        ...c.reviewPolicy,
        why: `destination or buyer headquarters in ${groups.join(" or ")}`,
      }),
    ] as const);
    policyCiteMemo.set(c, v);
  }
  return v;
}

function hbmDensity(w: Work, rule: RuleVersion, c: Extract<Criterion, { family: "hbm_density" }>): boolean {
  const stack = w.chip.hbmStack;
  if (!stack) {
    if (w.chip.hbm)
      if (w.full)
        w.reasons.push(
          dataReason(c, "co-packaged", () => ({
            ruleId: rule.id,
            paragraph: c.paragraph,
            test: c.test,
            values: { hbm: true },
            passed: false,
            citation: c.citation,
            note: c.coPackagedNote,
          })),
        );
    return false;
  }
  const density = stack.bandwidthGBps / stack.areaMm2;
  const hit = density > c.densityAboveGBpsPerMm2;
  if (w.full)
    w.reasons.push({
      ruleId: rule.id,
      paragraph: c.paragraph,
      test: c.test,
      values: { bandwidthGBps: stack.bandwidthGBps, areaMm2: stack.areaMm2, density },
      passed: hit,
      citation: c.citation,
      layer: "item",
      ...(c.pin ? { pin: c.pin } : {}),
    });
  if (hit) {
    const ex: ExceptionId[] = [];
    for (const e of c.exceptions) {
      if (e.from > w.date || (e.to && w.date > e.to)) continue;
      const within = e.densityBelowGBpsPerMm2 === undefined || density < e.densityBelowGBpsPerMm2;
      if (w.full)
        w.reasons.push({
          ruleId: rule.id,
          paragraph: e.paragraph,
          test:
            e.densityBelowGBpsPerMm2 === undefined
              ? `License Exception ${e.id} available`
              : `License Exception ${e.id}: memory bandwidth density < ${e.densityBelowGBpsPerMm2} GB/s per mm²`,
          values: { density },
          passed: within,
          citation: e.citation,
          layer: "exceptions",
          ...(e.pin ? { pin: e.pin } : {}),
          ...(e.standing && e.standing !== "codified" ? { standing: e.standing } : {}),
          ...(within
            ? {}
            : { note: `a stack of ${fmtNum(density)} GB/s per mm² is outside License Exception ${e.id}` }),
        });
      if (!within) continue;
      ex.push(e.id);
      offer(w, e);
    }
    licenceFromClass(w, rule.id, "3A090.c", c.licence, c.reviewPolicy.policy, ex, c.reviewPolicy);
  }
  return hit;
}

type BandwidthCriterion = Extract<Criterion, { family: "bandwidth_trigger" }>;
const bandwidthNotes = new WeakMap<BandwidthCriterion, Map<string, string>>();

/** The trigger reason's note: a few variants per criterion (which inputs are missing, whether informed), built once. */
function bandwidthNote(
  rule: RuleVersion,
  c: BandwidthCriterion,
  mem: number | null,
  io: number | null,
  informed: boolean | undefined,
): string {
  let m = bandwidthNotes.get(c);
  if (!m) bandwidthNotes.set(c, (m = new Map()));
  const key = `${mem === null}${io === null}${informed}`;
  let note = m.get(key);
  if (note === undefined) {
    const trigUnknown = mem === null || io === null;
    const missing = [mem === null ? "memory_bw_gbps" : null, io === null ? "io_bw_gbps" : null].filter(
      Boolean,
    );
    note = [
      trigUnknown ? `missing ${missing.join(", ")}` : null,
      rule.kind === "is-informed-letters"
        ? informed === false
          ? "binds only exporters BIS has informed (15 CFR 744.23(b)); this exporter was not informed, so no licence follows from it"
          : informed === true
            ? "binds only exporters BIS has informed (15 CFR 744.23(b)); this exporter was informed"
            : "binds only exporters BIS has informed (15 CFR 744.23(b)): letters went to NVIDIA and AMD; applied here as if the exporter was informed (pass informed=false otherwise)"
        : null,
      c.uncertain ? `uncertain: ${c.uncertain}` : null,
    ]
      .filter(Boolean)
      .join("; ");
    m.set(key, note);
  }
  return note;
}

function bandwidthTrigger(
  w: Work,
  rule: RuleVersion,
  c: Extract<Criterion, { family: "bandwidth_trigger" }>,
) {
  const mem = w.m.memoryBandwidthGBps;
  const io = w.m.ioBandwidthGBps;
  const memHit: Tri = mem === null ? null : mem >= c.memoryAtLeastGBps;
  const ioHit: Tri = io === null ? null : io >= c.ioAtLeastGBps;
  const known = (mem ?? 0) + (io ?? 0);
  const sumHit: Tri =
    mem !== null && io !== null ? known >= c.sumAtLeastGBps : known >= c.sumAtLeastGBps ? true : null;
  const trig = or3(memHit, ioHit, sumHit);
  if (w.full) {
    const r: Reason = {
      ruleId: rule.id,
      paragraph: c.paragraph,
      test: c.test,
      values: {
        memoryBandwidthGBps: mem,
        ioBandwidthGBps: io,
        sumGBps: mem !== null && io !== null ? known : null,
      },
      passed: trig,
      citation: c.citation,
      layer: "item",
    };
    if (rule.kind === "is-informed-letters") r.standing = "is-informed-only";
    if (c.pin) r.pin = c.pin;
    r.note = bandwidthNote(rule, c, trig === null ? mem : 0, trig === null ? io : 0, w.informed);
    w.reasons.push(r);
  }
  if (trig === false || (rule.kind === "is-informed-letters" && w.informed === false)) {
    w.votes.push({ ruleId: rule.id, required: false, policy: null, exceptions: NO_EXCEPTIONS });
    return;
  }
  const info = scopeHit(w, rule.id, c.licence);
  const required: Tri = !info?.hit ? false : trig;
  const vote: LicenceVote = {
    ruleId: rule.id,
    required,
    policy: required === false ? null : c.reviewPolicy,
    exceptions: NO_EXCEPTIONS,
  };
  if (required === true) {
    const base = scopeRequirement(
      w,
      rule.id,
      info!,
      rule.kind === "is-informed-letters" ? "is-informed" : "item-scope",
      "bandwidth trigger",
      c.reviewPolicy,
      null,
    );
    // The letter's paragraph and which of its tests the chip met (a few variants per context, not one per chip: the
    // figures are in the reasons and the metrics).
    const met = (memHit === true ? 1 : 0) | (ioHit === true ? 2 : 0) | (sumHit === true ? 4 : 0);
    const inf = w.informed === true ? 1 : 0;
    vote.req = memoReq(w.memo, base, BANDWIDTH_KEYS[met * 2 + inf]!, () => ({
      ...base,
      paragraph: c.paragraph,
      citation: c.citation,
      ...(c.pin ? { pin: c.pin } : {}),
      ...(rule.kind === "is-informed-letters" ? { standing: "is-informed-only" as const } : {}),
      test: `${c.test} (met: ${[
        memHit === true ? `DRAM bandwidth ≥ ${c.memoryAtLeastGBps} GB/s` : null,
        ioHit === true ? `I/O bandwidth ≥ ${c.ioAtLeastGBps} GB/s` : null,
        sumHit === true ? `sum ≥ ${c.sumAtLeastGBps} GB/s` : null,
      ]
        .filter(Boolean)
        .join(
          ", ",
        )}${rule.kind === "is-informed-letters" ? (inf ? "; the exporter was informed" : "; applied as if the exporter was informed") : ""}); ${info!.via}`,
    }));
  }
  w.votes.push(vote);
}

const BANDWIDTH_KEYS = Array.from({ length: 16 }, (_, i) => String(i));

function tiers(w: Work, rule: RuleVersion, c: Extract<Criterion, { family: "tiers" }>, cls: Classification) {
  if (!(c.eccns as string[]).includes(cls)) return;
  const tier = inGroup(w.groups, c.tier1Group, w.dest, w.date)
    ? 1
    : inGroup(w.groups, c.tier3Group, w.dest, w.date)
      ? 3
      : 2;
  if (w.full)
    w.reasons.push({
      ruleId: rule.id,
      paragraph: c.paragraph,
      test: "AI Diffusion destination tier",
      values: { destination: w.dest, tier },
      passed: tier !== 1,
      citation: c.citation,
    });
  if (tier === 2)
    w.votes.push({
      ruleId: rule.id,
      required: true,
      policy: c.tier2ReviewPolicy,
      exceptions: ["LPP"],
      req: memoReq(w.memo, c, `tier2\u0000${cls}`, () => ({
        kind: "diffusion-tier",
        ruleId: rule.id,
        paragraph: c.paragraph,
        citation: c.citation,
        test: `${cls} item to a Tier 2 destination (${w.dest})`,
        policy: c.tier2ReviewPolicy,
        policyParagraph: null,
      })),
    });
  if (tier === 1) w.votes.push({ ruleId: rule.id, required: false, policy: null, exceptions: NO_EXCEPTIONS });
}

type CaseByCaseCriterion = Extract<Criterion, { family: "case_by_case" }>;
const caseByCaseNotes = new WeakMap<CaseByCaseCriterion, string>();

function caseByCaseNote(c: CaseByCaseCriterion): string {
  let note = caseByCaseNotes.get(c);
  if (note === undefined) {
    note = `case-by-case review if: ${c.conditions.join("; ")}${c.secondaryConditions.length ? ` (secondary-source readings, not rule text: ${c.secondaryConditions.map((x) => `${x.text} [${x.source}]`).join("; ")})` : ""}`;
    caseByCaseNotes.set(c, note);
  }
  return note;
}

function caseByCase(
  w: Work,
  rule: RuleVersion,
  c: Extract<Criterion, { family: "case_by_case" }>,
  current: ReviewPolicy | null,
): ReviewPolicy | null {
  if (!c.destinations.includes(w.dest)) return current;
  const t = w.m.tpp;
  const mem = w.m.memoryBandwidthGBps;
  const within = and3(
    t === null ? null : t < c.tppBelow,
    mem === null ? null : mem < c.dramBandwidthBelowGBps,
  );
  const hqDenied =
    !c.headquartersAllowed.includes(w.hq) &&
    c.deniedHeadquartersGroups.some((g) => inGroup(w.groups, g, w.hq, w.date));
  const notFromUs = c.exportsFromUsOnly && w.kind !== "export";
  const passed = hqDenied || notFromUs ? false : within;
  if (w.full)
    w.reasons.push({
      ruleId: rule.id,
      paragraph: c.paragraph,
      test: c.test,
      values: { tpp: t, memoryBandwidthGBps: mem, destination: w.dest, buyerHq: w.hq, kind: w.kind },
      passed,
      citation: c.citation,
      layer: "destination",
      ...(c.pin ? { pin: c.pin } : {}),
      note: notFromUs
        ? `a ${w.kind} is not an export from the United States: the case-by-case policy does not reach it and the presumption of denial remains`
        : hqDenied
          ? `buyer headquartered in ${w.hq}: presumption of denial remains`
          : within === null
            ? `missing ${t === null ? "TPP" : "memory_bw_gbps"}: eligibility for case-by-case review unknown`
            : within
              ? caseByCaseNote(c)
              : "above the case-by-case limits: presumption of denial remains",
    });
  if (passed === true) return "case-by-case";
  if (passed === null) return null;
  return current;
}

const CLASSIFY_FAMILIES = new Set(["perf_io", "tpp_pd"]);

/** The slot a criteria family occupies: perf_io and tpp_pd both classify, so a later one replaces the other. */
export function familySlot(family: string): string {
  return CLASSIFY_FAMILIES.has(family) ? "classify" : family;
}

/**
 * The regime as it stood when `rule` took effect, with `rule` itself applied (even one never enforced):
 * the versions in force on its effective date, minus any whose families it replaces, plus it.
 */
export function regimeWith(
  ruleset: Ruleset,
  rule: RuleVersion,
  date: string = rule.effective,
): RuleVersion[] {
  const slots = new Set(rule.criteria.map((c) => familySlot(c.family)));
  const others = dateInfo(ruleset, date).active.filter(
    (r) => r.id !== rule.id && !r.criteria.some((c) => slots.has(familySlot(c.family))),
  );
  return [...others, rule].sort((a, b) =>
    a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0,
  );
}

interface DateInfo {
  active: RuleVersion[];
  listed: { id: string; status: RuleStatus }[];
}
// Per-ruleset, per-date memo: batch rows share a handful of dates, and rule selection is the same for all.
const dateCache = new WeakMap<Ruleset, Map<string, DateInfo>>();

function dateInfo(ruleset: Ruleset, date: string): DateInfo {
  let m = dateCache.get(ruleset);
  if (!m) dateCache.set(ruleset, (m = new Map()));
  let info = m.get(date);
  if (!info) {
    const listed: DateInfo["listed"] = [];
    for (const r of ruleset.rules) {
      const s = statusAt(r, date);
      if (s !== null && s !== "superseded") listed.push(Object.freeze({ id: r.id, status: s }));
    }
    Object.freeze(listed);
    info = { active: computeActive(ruleset, date), listed };
    if (m.size > 5000) m.clear();
    m.set(date, info);
  }
  return info;
}

/** The rule versions that apply on a date: in force, and for each criteria family only the latest such version. */
export function activeRules(ruleset: Ruleset, date: string): RuleVersion[] {
  return [...dateInfo(ruleset, date).active];
}

function computeActive(ruleset: Ruleset, date: string): RuleVersion[] {
  const inForce = ruleset.rules.filter((r) => statusAt(r, date) === "in-force");
  const latest = new Map<string, RuleVersion>();
  for (const r of inForce)
    for (const c of r.criteria) {
      const slot = CLASSIFY_FAMILIES.has(c.family) ? "classify" : c.family;
      const have = latest.get(slot);
      if (!have || have.effective <= r.effective) latest.set(slot, r);
    }
  return inForce.filter((r) =>
    r.criteria.some((c) => latest.get(CLASSIFY_FAMILIES.has(c.family) ? "classify" : c.family) === r),
  );
}

/**
 * Classifies a chip for one export: which rules apply on `ctx.date`, its 3A090 classification, whether a
 * licence is required to `ctx.destination` for a buyer headquartered in `ctx.buyerHq`, review policy,
 * exceptions, and every test with the paragraph it rests on. Throws RuleInputError on bad input.
 * Example: evaluate(h20, { date: "2025-06-01", destination: "CN" }, ruleset).licenseRequired → true.
 */
export function evaluate(
  chip: EvalChip,
  ctx: EvalContext,
  ruleset: Ruleset,
  opts: { detail?: "full" | "summary" } = {},
): Evaluation {
  validateInput(chip, ctx);
  checkRegion(ctx, ruleset);
  checkItemInputs(chip, ruleset);
  return evaluateWith(
    chip,
    ctx,
    ruleset,
    dateInfo(ruleset, ctx.date).active,
    true,
    opts.detail !== "summary",
  );
}

/**
 * alsoEccn must be a base ECCN that has a .z paragraph in data/items.json; softwareTech one of its software and
 * technology entries, for an item it covers (an entry for .z items only needs the matching alsoEccn).
 */
function checkItemInputs(chip: EvalChip, ruleset: Ruleset): void {
  if (chip.alsoEccn !== undefined) {
    const bases = ruleset.items?.zParagraphs.map((z) => z.base) ?? [];
    if (!bases.includes(chip.alsoEccn))
      throw new RuleInputError(
        `invalid alsoEccn: ${JSON.stringify(chip.alsoEccn)} (ECCNs with a .z paragraph: ${bases.join(", ") || "none loaded"})`,
        "alsoEccn",
      );
  }
  if (chip.softwareTech === undefined) return;
  const list = ruleset.items?.softwareTechnology ?? [];
  const st = list.find((e) => e.eccn === chip.softwareTech);
  if (!st)
    throw new RuleInputError(
      `invalid softwareTech: ${JSON.stringify(chip.softwareTech)} (software and technology ECCNs modelled: ${list.map((e) => e.eccn).join(", ") || "none loaded"})`,
      "softwareTech",
    );
  if (chip.hbmStack)
    throw new RuleInputError(
      `invalid softwareTech: ${JSON.stringify(chip.softwareTech)} (software and technology for HBM stacks, 3A090.c, are not modelled; describe a chip or a computer)`,
      "softwareTech",
    );
  if (chip.alsoEccn !== undefined && !st.alsoEccn.includes(chip.alsoEccn))
    throw new RuleInputError(
      `invalid alsoEccn: ${JSON.stringify(chip.alsoEccn)} with softwareTech ${st.eccn} (${st.eccn} covers ${st.alsoEccn.length ? `the .z items of ${st.alsoEccn.join(", ")}` : "no .z item"}${st.standalone ? " and 3A090 ICs or 4A090 computers without alsoEccn" : ""})`,
      "alsoEccn",
    );
  if (chip.alsoEccn === undefined && !st.standalone)
    throw new RuleInputError(
      `invalid softwareTech: ${JSON.stringify(st.eccn)} without alsoEccn (${st.eccn} is ${st.kind} for the .z items of ${st.alsoEccn.join(", ")}: give alsoEccn ${st.alsoEccn.join(" or ")})`,
      "alsoEccn",
    );
}

/** The software/technology entry a chip names (null for hardware, or a name evaluateUnder() did not check). */
function softwareTechOf(chip: EvalChip, ruleset: Ruleset): SoftwareTechEntry | null {
  if (chip.softwareTech === undefined) return null;
  return ruleset.items?.softwareTechnology.find((e) => e.eccn === chip.softwareTech) ?? null;
}

// By entry citation, then class (nested: no key string is built per row).
const plainItems = {
  "hbm-stack": new Map<string, Map<Classification, ItemResult>>(),
  "integrated-circuit": new Map<string, Map<Classification, ItemResult>>(),
};

/**
 * The Federal Register rule whose ECCN 3A090 entry applies on the date: the classifying rule version in force
 * (87 FR 62186 until 2023-11-16, 88 FR 73458 from 2023-11-17), shortened to its first page; before the first
 * version (data/rules: effective 2022-10-07) there was no 3A090 entry, and the citation says so.
 */
function entryCitation(ruleset: Ruleset, active: RuleVersion[]): string {
  let rule: RuleVersion | undefined;
  for (const r of active) if (r.criteria.some((c) => CLASSIFY_FAMILIES.has(c.family))) rule = r;
  const short = (c: string) => {
    const cut = c.indexOf(" (");
    return cut > 0 ? c.slice(0, cut) : c;
  };
  if (rule) return short(rule.citation);
  const first = ruleset.rules.find((r) => r.criteria.some((c) => CLASSIFY_FAMILIES.has(c.family)));
  return first
    ? `no ECCN 3A090 on this date: the entry was added by ${short(first.citation)}, effective ${first.effective}`
    : "no ECCN 3A090 rule loaded";
}

/** An IC's or HBM stack's listing for a class: the same frozen object for every result with that citation. */
function plainItem(kind: "hbm-stack" | "integrated-circuit", cls: Classification, entry: string): ItemResult {
  let byCls = plainItems[kind].get(entry);
  if (!byCls) plainItems[kind].set(entry, (byCls = new Map()));
  let item = byCls.get(cls);
  if (!item) {
    item = Object.freeze(
      kind === "hbm-stack"
        ? {
            kind,
            eccn: cls,
            paragraph: "Supp. No. 1 to part 774, ECCN 3A090.c",
            citation: "89 FR 96790",
          }
        : {
            kind,
            eccn: cls,
            paragraph: "Supp. No. 1 to part 774, ECCN 3A090",
            citation: entry,
          },
    );
    byCls.set(cls, item);
  }
  return item;
}

/** Layer 2, the item as listed: an IC, an HBM stack, a 4A090 computer holding ICs, or a .z paragraph. */
function itemOf(w: Work, ruleset: Ruleset, cls: Classification, entry: string): ItemResult {
  const chip = w.chip;
  const items = ruleset.items;
  let out: ItemResult = plainItem(chip.hbmStack ? "hbm-stack" : "integrated-circuit", cls, entry);
  if (chip.computer && !chip.hbmStack) {
    const units = chip.computer.units;
    const row = items?.computers.find((c) => c.holds === cls);
    const tppAll = w.m.tpp === null ? null : w.m.tpp * units;
    out = {
      kind: "computer",
      eccn: row ? row.eccn : cls === "indeterminate" ? "indeterminate" : "not-4A090",
      paragraph: row?.paragraph ?? "Supp. No. 1 to part 774, ECCN 4A090",
      citation: row?.citation ?? "87 FR 62186; 88 FR 73458",
      ...(row?.standing ? { standing: row.standing } : {}),
      units,
      aggregateTpp: tppAll,
      aggregateH100e: w.m.h100e === null ? null : w.m.h100e * units,
    };
    if (w.full)
      w.reasons.push({
        ruleId: "items",
        paragraph: out.paragraph,
        test: `computer holding ${units} × ${cls} IC${units === 1 ? "" : "s"}`,
        values: { units, chipClassification: cls, aggregateTpp: tppAll },
        passed: row !== undefined,
        citation: out.citation,
        layer: "item",
        ...(row?.standing ? { standing: row.standing } : {}),
        note: row
          ? `${row.text}; licence and review policy follow the ICs' 3A090 class (§742.6(a)(6)(iii), (b)(10)). The aggregate TPP is shown for information: 4A090 is defined by the ICs inside`
          : "no IC inside meets 3A090.a or .b: not a 4A090 computer",
      });
  }
  if (chip.alsoEccn !== undefined) {
    const z = items?.zParagraphs.find((x) => x.base === chip.alsoEccn);
    const meets = cls === "3A090.a" || cls === "3A090.b";
    // The .z paragraphs entered the CCL on z.from (88 FR 73458): before it no item was listed under them.
    const inCcl = z !== undefined && w.date >= z.from;
    if (z && meets && inCcl)
      out = {
        ...out,
        eccn: z.eccn,
        paragraph: `Supp. No. 1 to part 774, ECCN ${z.eccn}`,
        citation: z.citation,
        standing: z.standing,
      };
    if (w.full && z)
      w.reasons.push(
        // z.base is the item's alsoEccn, so (z, cls, in the CCL yet) determines every field.
        dataReason(z, `${cls}\u0000${inCcl}`, () => ({
          ruleId: "items",
          paragraph: `Supp. No. 1 to part 774, ECCN ${z.eccn}`,
          test: `${z.base} item meeting the 3A090/4A090 parameters`,
          values: { alsoEccn: z.base, chipClassification: cls },
          passed: meets && inCcl,
          citation: z.citation,
          layer: "item",
          standing: z.standing,
          note: !meets
            ? `below the 3A090 parameters: an ordinary ${z.base} item, not ${z.eccn}`
            : inCcl
              ? `${z.covers}: listed as ${z.eccn}, with the licence requirements of ${cls}`
              : `${z.eccn} entered the CCL on ${z.from} (${z.citation}): no item was listed under it on this date. The item is shown by its IC's class (${cls}) with that class's licence answer; how the rule then in force treated a ${z.base} item meeting the 3A090 parameters (the CCL's order of review) is not decided by this engine`,
        })),
      );
  }
  return w.stItem ?? out;
}

const ST_EXCEPTIONS_KEY = {};

/**
 * Layer 2 for software and technology (3D001, 3E001, 4D090, 4E001, the .z software and technology): listed under the
 * entry when the hardware it is for meets 3A090.a/.b and the entry covered such items on the date; then it takes the
 * hardware's licence requirement and review policy (§742.6(a)(6)(iii), (b)(10)). Before the entry covered such
 * items the licence answer is left open, and a release inside the United States (a deemed export) is not decided.
 */
function softwareTechLayer(w: Work, ruleset: Ruleset, cls: Classification): void {
  const st = w.st!;
  const also = w.chip.alsoEccn;
  const z = also !== undefined ? ruleset.items?.zParagraphs.find((x) => x.base === also) : undefined;
  const from = z && z.from > st.from ? z.from : st.from;
  const meets = cls === "3A090.a" || cls === "3A090.b";
  const covered = w.date >= from;
  const forWhat = z
    ? `${z.eccn} items`
    : st.eccn === "4D090" || w.chip.computer
      ? "4A090 computers"
      : "3A090 ICs (and 4A090 computers holding them)";
  const listed = meets && covered;
  const paragraph = `Supp. No. 1 to part 774, ECCN ${st.listed}`;
  w.stItem = {
    kind: st.kind,
    eccn: listed ? st.listed : meets ? "indeterminate" : cls,
    paragraph,
    citation: st.citation,
    ...(st.standing !== "codified" ? { standing: st.standing } : {}),
  };
  // Before the entry covered such items, the 3A090 rules' answer (for the ICs) is not this item's answer; nor is the
  // answer of a test that caught a chip below 3A090 (the 2025-04 bandwidth letters name chips).
  const caughtBelow = !meets ? w.votes.filter((v) => v.required !== false).map((v) => v.ruleId) : [];
  if ((meets && !covered) || caughtBelow.length)
    w.votes = [{ ruleId: "items", required: null, policy: null, exceptions: NO_EXCEPTIONS }];
  // Inside the United States the question is who receives it: a deemed export is not decided.
  const deemed = listed && w.kind === "not-an-export";
  if (deemed)
    w.votes.push({ ruleId: "items:deemed-export", required: null, policy: null, exceptions: NO_EXCEPTIONS });
  if (!w.full) return;
  const r: Reason = {
    ruleId: "items",
    paragraph,
    test: `${st.kind} ${st.listed} for ${forWhat}`,
    values: { softwareTech: st.eccn, alsoEccn: also ?? null, chipClassification: cls, from },
    passed: listed,
    citation: st.citation,
    layer: "item",
    note: listed
      ? `${st.covers}: listed as ${st.listed}, with the licence requirement and review policy of the ${cls} hardware it is for (§742.6(a)(6)(iii) and (b)(10) name the software and technology with the hardware — a reading of secondary sources). License exceptions for software and technology are not modelled`
      : meets
        ? `${st.listed} did not cover ${st.kind} for ${forWhat} before ${from}: how this ${st.kind} was controlled on ${w.date} is not decided by this engine, so the licence answer is left open (the 3A090 rules then in force are shown for the ICs)`
        : `the hardware is ${cls === "indeterminate" ? "of indeterminate class" : cls}: ${st.kind} for it is not ${st.listed} for 3A090-level items (it may be listed elsewhere on the CCL — not decided)${caughtBelow.length && cls !== "indeterminate" ? `; the chip is caught by ${[...new Set(caughtBelow)].join(", ")}, which names chips: whether that reaches its ${st.kind} is not decided, so the licence answer is left open` : ""}`,
  };
  if (st.standing !== "codified") r.standing = st.standing;
  w.reasons.push(r);
  if (deemed)
    w.reasons.push({
      ruleId: "items:deemed-export",
      paragraph: "15 CFR 734.13(b)",
      test: `release of the ${st.kind} inside the United States`,
      values: { destination: w.dest },
      passed: null,
      citation: "15 CFR 734.13(b) (deemed export)",
      layer: "transaction",
      standing: "secondary-source",
      note: `handing over hardware inside the United States is not an export, but releasing technology or source code to a foreign person there is a deemed export to that person's most recent country of citizenship or permanent residency: not decided here — classify again with that country as the destination (the licence answer is left open)`,
    });
}

/** A region must be one the sanctions data names for the destination (UA: crimea, sevastopol, donetsk, luhansk). */
function checkRegion(ctx: EvalContext, ruleset: Ruleset): void {
  if (ctx.region === undefined) return;
  const known = ruleset.sanctions?.byDestination.get(ctx.destination)?.flatMap((p) => p.regions) ?? [];
  if (!known.includes(ctx.region))
    throw new RuleInputError(
      `invalid region: ${JSON.stringify(ctx.region)} (${known.length ? `regions of ${ctx.destination}: ${known.join(", ")}` : `no region of ${ctx.destination} is named by a sanctions programme`})`,
      "region",
    );
}

/** Like evaluate(), but under exactly the given rule versions whatever their dates (for diffs). */
export function evaluateUnder(
  chip: EvalChip,
  ctx: EvalContext,
  ruleset: Ruleset,
  rules: RuleVersion[],
): Evaluation {
  validateInput(chip, ctx);
  return evaluateWith(chip, ctx, ruleset, rules, false, true);
}

/** evaluate() that returns the error as data instead of throwing (batch use). */
export function tryEvaluate(
  chip: EvalChip,
  ctx: EvalContext,
  ruleset: Ruleset,
  opts: { detail?: "full" | "summary" } = {},
): { ok: true; result: Evaluation } | { ok: false; error: { field: string; message: string } } {
  try {
    return { ok: true, result: evaluate(chip, ctx, ruleset, opts) };
  } catch (err) {
    if (err instanceof RuleInputError)
      return { ok: false, error: { field: err.field, message: err.message } };
    throw err;
  }
}

function evaluateWith(
  chip: EvalChip,
  ctx: EvalContext,
  ruleset: Ruleset,
  active: RuleVersion[],
  byDate: boolean,
  full: boolean,
): Evaluation {
  const { groups } = ruleset;
  const destination = ctx.destination;
  const buyerHq = ctx.buyerHq ?? destination;
  const memo = contextMemo(ruleset, ctx);
  const { d, h, shipFrom, kind } = memo;
  const w: Work = {
    full,
    chip,
    date: ctx.date,
    dest: d.code,
    hq: h.code,
    groups,
    m: computeMetrics(chip, full),
    // Summary detail builds no reasons: every push is behind `w.full`, and the frozen list would refuse one.
    reasons: full ? [] : NO_REASONS,
    votes: [],
    kind,
    outOfScope: false,
    informed: ctx.informed,
    exDetails: null,
    memo,
    st: softwareTechOf(chip, ruleset),
    stItem: null,
  };
  if (d.alias || h.alias) {
    const a = (d.alias ?? h.alias)!;
    if (w.full)
      w.reasons.push(
        memoGet(memo, a, "") ??
          memoPut(memo, a, "", {
            ruleId: "EAR",
            paragraph: "destination treatment",
            test: `${a.code} treated as ${a.treatAs}`,
            values: { destination, buyerHq },
            passed: true,
            citation: a.source,
            note: a.note,
          }),
      );
  }
  const subjectToEar = transactionLayer(w, ctx, shipFrom);
  w.outOfScope = kind === "not-an-export" || subjectToEar === false;
  if (ctx.endUse)
    if (w.full)
      w.reasons.push({
        ruleId: "EAR",
        paragraph: "15 CFR 744.23",
        test: "end-use controls",
        values: { endUse: ctx.endUse },
        passed: null,
        citation: "87 FR 62186; 88 FR 73458",
        note: "end-use based requirements (supercomputer, advanced-node IC production) are not modelled; check them separately",
      });
  if (active.length === 0)
    if (w.full)
      w.reasons.push({
        ruleId: "(none)",
        paragraph: "—",
        test: "an advanced-computing rule is in force",
        values: { date: ctx.date },
        passed: false,
        citation: ruleset.rules[0]?.citation ?? "—",
        note:
          ruleset.rules[0] && ctx.date < ruleset.rules[0].effective
            ? `before ${ruleset.rules[0].effective} no 3A090 control existed`
            : "no rule version is in force on this date",
      });

  let classification: Classification = "not-3A090";
  let classified = false;
  for (const r of active)
    for (const c of r.criteria) {
      if (c.family === "perf_io") {
        classification = perfIo(w, r, c);
        classified = true;
      } else if (c.family === "tpp_pd") {
        classification = tppPd(w, r, c);
        classified = true;
      }
    }
  for (const r of active)
    for (const c of r.criteria) {
      if (
        c.family === "hbm_density" &&
        hbmDensity(w, r, c) &&
        (!classified || classification === "not-3A090")
      )
        classification = "3A090.c";
      else if (c.family === "bandwidth_trigger") bandwidthTrigger(w, r, c);
      else if (c.family === "tiers") tiers(w, r, c, classification);
    }
  if (w.st) softwareTechLayer(w, ruleset, classification);

  const programmes = memo.programmes && !w.outOfScope ? memo.programmes : NO_PROGRAMMES;
  if (w.full && !w.outOfScope) sanctionsReasons(w, ruleset, programmes, ctx.region);
  for (const p of programmes) {
    const pol = programmePolicy(p, ctx.date);
    w.votes.push({
      ruleId: `part-746:${p.id}`,
      required: true,
      policy: pol.policy,
      exceptions: p.allowsExceptions as ExceptionId[],
      req: memoReq(memo, p, "", () => ({
        kind: "sanctions",
        ruleId: `part-746:${p.id}`,
        paragraph: p.paragraph,
        citation: p.citation,
        ...(p.pin ? { pin: p.pin } : {}),
        ...(p.standing !== "codified" ? { standing: p.standing } : {}),
        test: `${p.title}${ctx.region ? ` (region: ${ctx.region})` : ""}`,
        policy: pol.policy,
        policyParagraph: pol.paragraph,
      })),
    });
  }
  if (w.full && byDate) notEnforcedReasons(w, ruleset, ctx.date);
  let screening = screenParties(w, ruleset, ctx);
  const ownership = ctx.ownedBy ? ownershipLayer(w, ruleset, ctx.ownedBy, ctx.date) : undefined;
  if (ownership && screening) screening = withOwnershipCaveat(w, screening, ownership);

  const votes = w.votes;
  const licenseRequired: Tri = votes.some((v) => v.required === true)
    ? true
    : votes.some((v) => v.required === null)
      ? null
      : false;
  let reviewPolicy: ReviewPolicy | null = null;
  const exceptions = new Set<ExceptionId>();
  let offered: ExceptionId[] = NO_EXCEPTIONS;
  let offeredDetails: ExceptionDetail[] = NO_DETAILS;
  // The 2026 case-by-case path (when it changed the policy): it relaxes the §742.6(b)(10) policy only.
  let relaxed: { policy: ReviewPolicy | null; paragraph: string; key: object } | null = null;
  if (licenseRequired === true) {
    let unknownPolicy = false;
    for (const v of votes) {
      if (v.required !== true) continue;
      if (v.policy === null) unknownPolicy = true;
      else if (reviewPolicy === null || POLICY_RANK[v.policy] > POLICY_RANK[reviewPolicy])
        reviewPolicy = v.policy;
      for (const e of v.exceptions) exceptions.add(e);
    }
    // A requirement whose review policy is unpublished leaves the overall policy unknown unless a
    // published one is already the strictest (denial).
    if (unknownPolicy && reviewPolicy !== "presumption-of-denial") reviewPolicy = null;
    for (const r of active)
      for (const c of r.criteria)
        if (c.family === "case_by_case") {
          const next = caseByCase(w, r, c, reviewPolicy);
          if (next !== reviewPolicy) relaxed = { policy: next, paragraph: c.paragraph, key: c };
          reviewPolicy = next;
        }
    // The 2026 case-by-case path relaxes the §742.6(b)(10) policy only: an Entity List listing's policy still binds.
    for (const v of votes)
      if (
        v.required === true &&
        v.policy !== null &&
        v.ruleId.startsWith("entity-list:") &&
        (reviewPolicy === null || POLICY_RANK[v.policy] > POLICY_RANK[reviewPolicy])
      )
        reviewPolicy = v.policy;
    // An Entity List hit leaves no license exception (15 CFR 744.11; each entry's FR notice); nor does an affiliate's.
    if (
      ownership?.applied ||
      screening?.some((s) => s.result.hits.some((h) => isEntityList(ruleset, h.list)))
    )
      for (const e of exceptions) {
        exceptions.delete(e);
        if (w.full)
          w.reasons.push(
            dataReason(ENTITY_LIST_KEY, e, () => ({
              ruleId: "entity-list",
              paragraph: "15 CFR 744.11; Supp. No. 4 to part 744",
              test: `License Exception ${e} usable with a listed party`,
              values: { exception: e },
              passed: false,
              citation: "15 CFR 744.11",
              layer: "parties",
              note: "no license exception is available for a transaction with a party on the Entity List unless its entry says otherwise",
            })),
          );
      }
    // A sanctions programme's denial outranks any case-by-case path, and only its own exceptions survive.
    for (const p of programmes) {
      const pp = programmePolicy(p, ctx.date).policy;
      if (reviewPolicy !== null && POLICY_RANK[pp] > POLICY_RANK[reviewPolicy]) reviewPolicy = pp;
      for (const e of exceptions)
        if (!p.allowsExceptions.includes(e)) {
          exceptions.delete(e);
          if (w.full)
            w.reasons.push(
              dataReason(p, e, () => ({
                ruleId: `part-746:${p.id}`,
                paragraph: p.exceptionsParagraph,
                test: `License Exception ${e} usable for ${p.destination}`,
                values: { exception: e },
                passed: false,
                citation: p.citation,
                layer: "sanctions",
                note: p.exceptionsNote,
              })),
            );
        }
    }
    // Exceptions for software and technology (each ECCN's list-based exceptions, §740.2(a)(9)(ii)) are not modelled.
    if (w.st && exceptions.size) {
      if (w.full) {
        const ids = [...exceptions].join(", ");
        w.reasons.push(
          dataReason(ST_EXCEPTIONS_KEY, `${w.st.kind}\u0000${ids}`, () => ({
            ruleId: "items",
            paragraph: "15 CFR 740.2(a)(9)(ii); the ECCN's list-based exceptions",
            test: `License Exception ${ids} for ${w.st!.kind}`,
            values: { exceptions: ids },
            passed: null,
            citation: "15 CFR part 740",
            layer: "exceptions",
            note: "the exceptions the hardware would have are not offered for its software or technology: which apply to this ECCN is not modelled (check the entry's list-based exceptions and §740.2(a)(9)(ii))",
          })),
        );
      }
      exceptions.clear();
    }
    offered = [...exceptions];
    if (w.full) {
      offeredDetails = [];
      for (const e of offered) {
        const d = w.exDetails?.get(e);
        if (d) offeredDetails.push(d);
      }
    }
  }

  const requirements = licenseRequired === true ? requirementsOf(w, relaxed) : NO_REQUIREMENTS;

  // The per-date entries are frozen and shared between results: nothing may mutate them.
  const listed = byDate ? dateInfo(ruleset, ctx.date).listed : null;
  const rules: { id: string; status: RuleStatus }[] = listed
    ? full
      ? listed.slice()
      : listed
    : active.map((r) => ({ id: r.id, status: "in-force" }));

  // Summary detail (batches of many rows) shares what does not vary between rows — the rule list, empty lists, the
  // transaction — as frozen objects; full detail gives every result its own containers.
  return {
    date: ctx.date,
    destination,
    buyerHq,
    rules,
    metrics: w.m,
    classification,
    licenseRequired,
    reviewPolicy: licenseRequired === true ? reviewPolicy : null,
    requirements: requirements === NO_REQUIREMENTS && full ? [] : requirements,
    exceptions: offered === NO_EXCEPTIONS && full ? [] : offered,
    exceptionDetails: offeredDetails === NO_DETAILS && full ? [] : offeredDetails,
    item: itemOf(w, ruleset, classification, entryCitations(ruleset, active)),
    transaction: full
      ? { shipFrom, destination: w.dest, kind, subjectToEar }
      : sharedTransaction(memo, subjectToEar),
    screening,
    sanctions: programmes.length === 0 && !full ? NO_IDS : programmes.map((p) => p.id),
    reasons: w.reasons,
    ...(ownership ? { ownership } : {}),
  };
}

// The entry citation per list of active rule versions (the per-date lists are shared, so this is one lookup a row).
const entryCitationMemo = new WeakMap<RuleVersion[], string>();
function entryCitations(ruleset: Ruleset, active: RuleVersion[]): string {
  let c = entryCitationMemo.get(active);
  if (c === undefined) entryCitationMemo.set(active, (c = entryCitation(ruleset, active)));
  return c;
}

const NO_REQUIREMENTS: Requirement[] = Object.freeze([]) as unknown as Requirement[];
const KIND_RANK = new Map(REQUIREMENT_ORDER.map((k, i) => [k, i]));

/**
 * The requirements behind a licence: one per vote that requires it, the strictest review policy first (an unknown
 * policy last), then in REQUIREMENT_ORDER. The 2026 case-by-case path, when it changed the policy, is shown on the
 * requirement it relaxes: the 3A090/4A090 scope, whose policy is §742.6(b)(10) (not Part 746, the Entity List, or
 * the bandwidth letters, which publish no policy of their own).
 */
function requirementsOf(
  w: Work,
  relaxed: { policy: ReviewPolicy | null; paragraph: string; key: object } | null,
): Requirement[] {
  const out: Requirement[] = [];
  for (const v of w.votes) {
    if (v.required !== true || !v.req) continue;
    let req = v.req;
    if (relaxed && req.kind === "item-scope") {
      const base = req;
      req = memoReq(w.memo, base, `${relaxed.policy}\u0000${relaxed.paragraph}`, () => ({
        ...base,
        policy: relaxed.policy,
        policyParagraph: relaxed.paragraph,
      }));
    }
    if (!out.includes(req)) out.push(req);
  }
  if (out.length > 1)
    out.sort(
      (a, b) =>
        (b.policy ? POLICY_RANK[b.policy] : 0) - (a.policy ? POLICY_RANK[a.policy] : 0) ||
        KIND_RANK.get(a.kind)! - KIND_RANK.get(b.kind)!,
    );
  return out;
}

/** The transaction of a context, one frozen object per subject-to-EAR answer (summary detail). */
function sharedTransaction(memo: ContextMemo, subjectToEar: boolean | null): Transaction {
  const i = subjectToEar === null ? 2 : subjectToEar ? 1 : 0;
  let t = memo.transactions[i];
  if (!t) {
    t = Object.freeze({ shipFrom: memo.shipFrom, destination: memo.d.code, kind: memo.kind, subjectToEar });
    memo.transactions[i] = t;
  }
  return t;
}

const ENTITY_LIST_KEY = {};

/** De minimis thresholds of §734.4: 10% for Country Group E:1/E:2 destinations, 25% elsewhere. */
const DE_MINIMIS_STRICT_GROUPS = ["E:1", "E:2"];

const TRANSACTION_KEY = {};

/** The transaction's kind as a reason (its fields follow from ship-from and destination alone). */
function transactionReason(kind: TransactionKind | "not-an-export", shipFrom: string, dest: string): Reason {
  if (kind === "not-an-export")
    return {
      ruleId: "EAR",
      layer: "transaction",
      paragraph: "15 CFR 734.13(a)",
      test: "the shipment leaves the United States (an export)",
      values: { shipFrom, destination: dest },
      passed: false,
      citation:
        "15 CFR 734.13(a) (definition of export); BIS guidance of 31 May 2026 (the headquarters rule applies to destinations outside the United States)",
      standing: "codified",
      note:
        shipFrom === "US"
          ? "a delivery inside the United States is not an export, whoever the buyer is or where it is headquartered: no licence is required for it (deemed exports, §734.13(b), concern technology and source code, not hardware). A later export, reexport or transfer by the buyer needs its own answer"
          : "a shipment into the United States is not an export, reexport or transfer under the EAR",
    };
  return {
    ruleId: "EAR",
    layer: "transaction",
    paragraph:
      kind === "export" ? "15 CFR 734.13(a)" : kind === "reexport" ? "15 CFR 734.14(a)" : "15 CFR 734.16",
    test: `transaction: ${kind === "export" ? "export from the United States" : kind === "reexport" ? "reexport between two foreign countries" : "transfer (in-country)"}`,
    values: { shipFrom, destination: dest, kind },
    passed: true,
    citation: "15 CFR part 734 (definitions of export, reexport and transfer (in-country))",
  };
}

/**
 * Layer 1, the transaction: what kind of shipment this is under the EAR and whether the item is subject to the EAR.
 * Returns subject-to-EAR: true, false, or null when a foreign-made item's status was not given (then assumed).
 */
function transactionLayer(w: Work, ctx: EvalContext, shipFrom: string): boolean | null {
  const kind = w.kind;
  // The first reason follows from the context alone: built once per context and shared.
  if (w.full)
    w.reasons.push(
      memoGet(w.memo, TRANSACTION_KEY, "") ??
        memoPut(w.memo, TRANSACTION_KEY, "", transactionReason(kind, shipFrom, w.dest)),
    );
  if (kind === "not-an-export") return true; // every item in the United States is subject to the EAR (§734.3(a)(1))
  // Optional calls skip building the argument in summary mode (push?.(…) does not evaluate it when push is null).
  const push = w.full
    ? (r: Omit<Reason, "ruleId" | "layer">) => {
        w.reasons.push({ ruleId: "EAR", layer: "transaction", ...r });
      }
    : null;
  if (w.chip.origin !== "foreign") return true;
  if (shipFrom === "US" && ctx.shipFrom !== undefined) {
    push?.({
      paragraph: "15 CFR 734.3(a)(1)",
      test: "item subject to the EAR",
      values: { origin: "foreign", shipFrom },
      passed: true,
      citation: "15 CFR 734.3(a)(1) (all items in the United States)",
      note: "a foreign-made item shipped from the United States is subject to the EAR",
    });
    return true;
  }
  if (ctx.foreignDirectProduct === true) {
    push?.({
      paragraph: "15 CFR 734.9(h)",
      test: "foreign-made item caught by the advanced-computing foreign direct product rule",
      values: { origin: "foreign", foreignDirectProduct: true },
      passed: true,
      citation: "87 FR 62186 (added §734.9(h)); revised by 88 FR 73458",
      note: "stated by the user: the item is a direct product of US technology or software, or of a plant or major component that is, and the destination or a party is within the rule's scope",
    });
    return true;
  }
  const pct = ctx.usContentPercent;
  if (pct !== undefined) {
    const strict = DE_MINIMIS_STRICT_GROUPS.some((g) => inGroup(w.groups, g, w.dest, w.date));
    const limit = strict ? 10 : 25;
    const over = pct > limit;
    push?.({
      paragraph: strict ? "15 CFR 734.4(c)" : "15 CFR 734.4(d)",
      test: `controlled US-origin content above the de minimis level (> ${limit}%)`,
      values: { usContentPercent: pct, limitPercent: limit },
      passed: over,
      citation: "15 CFR 734.4 (de minimis US content)",
      standing: "secondary-source",
      note: `${over ? "subject to the EAR through its US content" : "below the de minimis level"}${ctx.foreignDirectProduct === false ? "; not a foreign direct product (as stated)" : ""}. The de minimis exclusions specific to 3A090/4A090 items (§734.4(a)) are not modelled; the thresholds are from the CFR's general rule as summarised, not re-read`,
    });
    if (over) return true;
    if (ctx.foreignDirectProduct === false) return false;
  }
  push?.({
    paragraph: "15 CFR 734.9(h); 734.4",
    test: "item subject to the EAR",
    values: { origin: "foreign", foreignDirectProduct: ctx.foreignDirectProduct ?? null },
    passed: null,
    citation: "15 CFR part 734",
    note:
      ctx.foreignDirectProduct === false
        ? "not a foreign direct product; give usContentPercent to decide de minimis — until then the results below assume the item is subject to the EAR"
        : "a foreign-made chip is subject to the EAR only through the foreign direct product rules (§734.9(h)) or de minimis US content (§734.4) — not given (foreignDirectProduct, usContentPercent); the results below assume it is subject to the EAR",
  });
  return null;
}

/** Layer 4: Part 746 programmes reaching the destination, each with its licence policy and exception limit. */
function sanctionsReasons(
  w: Work,
  ruleset: Ruleset,
  programmes: ReturnType<typeof sanctionsFor>,
  region: string | undefined,
): void {
  if (!ruleset.sanctions) {
    w.reasons.push({
      ruleId: "part-746",
      paragraph: "15 CFR part 746",
      test: "embargoes and sanctions checked",
      values: { destination: w.dest },
      passed: null,
      citation: "15 CFR part 746",
      layer: "sanctions",
      note: "the sanctions data (data/sanctions.json) was not loaded: embargoes were not checked",
    });
    return;
  }
  for (const p of programmes) {
    const done = memoGet(w.memo, p, "programme");
    if (done) {
      w.reasons.push(done, memoGet(w.memo, p, "policy")!);
      continue;
    }
    const pol = programmePolicy(p, w.date);
    const first = memoPut(w.memo, p, "programme", {
      ruleId: `part-746:${p.id}`,
      paragraph: p.paragraph,
      test: p.title,
      values: { destination: w.dest, region: region ?? null, from: p.from },
      passed: true,
      citation: p.citation,
      layer: "sanctions",
      ...(p.pin ? { pin: p.pin } : {}),
      ...(p.standing !== "codified" ? { standing: p.standing } : {}),
      note:
        p.items === "ccl"
          ? "applies to items on the Commerce Control List; an accelerator or HBM stack is treated as one (3A090, 3A991, 4A994 or 5A992) even when not 3A090"
          : "applies to every item subject to the EAR (EAR99 food and medicine aside)",
    });
    const second = memoPut(w.memo, p, "policy", {
      ruleId: `part-746:${p.id}`,
      paragraph: pol.paragraph,
      test: `licence review policy: ${pol.policy}`,
      values: { destination: w.dest },
      passed: true,
      citation: pol.citation,
      layer: "sanctions",
      ...(pol.note ? { note: pol.note } : {}),
    });
    w.reasons.push(first, second);
  }
}

// Batch files repeat the same buyers: one screening per (lists, name, date, role), shared read-only between results.
const screenCache = new WeakMap<readonly unknown[], Map<string, ScreenResult>>();

function screenCached(
  ruleset: Ruleset,
  name: string,
  date: string,
  role: "buyer" | "consignee" | "ownedBy",
): ScreenResult {
  let m = screenCache.get(ruleset.parties);
  if (!m) screenCache.set(ruleset.parties, (m = new Map()));
  const key = `${role}\u0000${date}\u0000${name}`;
  let r = m.get(key);
  if (!r) {
    r = screenName(name, ruleset.parties, { date, field: role });
    if (m.size > 10_000) m.clear();
    m.set(key, r);
  }
  return r;
}

function isEntityList(ruleset: Ruleset, listId: string): boolean {
  return ruleset.parties.some((p) => p.list.id === listId && p.list.licensing === "entity-list");
}

/**
 * Layer 5: the buyer and consignee names against the restricted-party lists. An Entity List hit adds that listing's
 * licence requirement (for all items subject to the EAR) and review policy; a near miss is reported, not applied.
 */
function screenParties(w: Work, ruleset: Ruleset, ctx: EvalContext): Evaluation["screening"] {
  const out: NonNullable<Evaluation["screening"]> = [];
  for (const role of PARTY_ROLES) {
    const name = ctx[role];
    if (name === undefined) continue;
    const result = screenCached(ruleset, name, ctx.date, role);
    out.push({ role, result });
    if (!w.outOfScope)
      for (const h of result.hits)
        if (isEntityList(ruleset, h.list))
          w.votes.push({
            ruleId: `entity-list:${h.entryId}`,
            required: true,
            policy: h.policy,
            exceptions: NO_EXCEPTIONS,
            req: entityListRequirement(h, role, name),
          });
    if (w.full)
      for (const r of screeningReasons(ruleset, result, name, role, w.outOfScope)) w.reasons.push(r);
  }
  if (w.full && out.length && ruleset.affiliates && ctx.ownedBy === undefined)
    affiliatesReason(w, ruleset.affiliates);
  return out.length ? out : null;
}

// One requirement per screening hit and role (hits belong to cached, shared screening results).
const hitRequirements = new WeakMap<object, Map<string, Requirement>>();

/** The licence requirement an Entity List hit imposes on a transaction with the named party. */
function entityListRequirement(
  h: ScreenResult["hits"][number],
  role: "buyer" | "consignee",
  name: string,
): Requirement {
  let m = hitRequirements.get(h);
  if (!m) hitRequirements.set(h, (m = new Map()));
  const key = `${role}\u0000${name}`;
  let r = m.get(key);
  if (!r) {
    r = Object.freeze({
      kind: "entity-list" as const,
      ruleId: `entity-list:${h.entryId}`,
      paragraph: "15 CFR 744.11; Supp. No. 4 to part 744",
      citation: h.citation,
      ...(h.standing ? { standing: h.standing } : {}),
      test: `${role} ${JSON.stringify(name)} matches ${h.name} (score ${h.score}): licence for all items subject to the EAR`,
      policy: h.policy,
      policyParagraph: "Supp. No. 4 to part 744 (the entry's licence review policy)",
    });
    m.set(key, r);
  }
  return r;
}

/**
 * The buyer's owners (ownedBy) under the Affiliates rule: each owner is screened, the shares of those with an Entity
 * List hit are added up, and while the rule is in force a combined share at or above its threshold (50 %) makes the
 * buyer take on its listed owners' licence requirement (all items subject to the EAR) and the strictest of their
 * review policies, with no licence exception. While the rule is suspended, or before it took effect, it is said and
 * not applied. Owners on the MEU List or SDNs, which the rule also counts, are not screened for it here.
 */
function ownershipLayer(
  w: Work,
  ruleset: Ruleset,
  owners: readonly OwnerShare[],
  date: string,
): OwnershipResult {
  const rule = ruleset.affiliates ?? null;
  const span = rule ? affiliatesStatusAt(rule, date) : null;
  const threshold = rule ? rule.ownershipAtLeastPercent : null;
  const rows: OwnershipResult["owners"] = [];
  let listedPercent = 0;
  let policy: ReviewPolicy | null = null;
  let policyKnown = true;
  for (const o of owners) {
    const screening = screenCached(ruleset, o.name, date, "ownedBy");
    const hits = screening.hits.filter((h) => isEntityList(ruleset, h.list));
    rows.push({
      name: o.name,
      percent: o.percent,
      listed: hits.length > 0,
      entries: hits.map((h) => h.entryId),
      screening,
    });
    if (hits.length) listedPercent += o.percent;
    for (const h of hits) {
      if (h.policy === null) policyKnown = false;
      else if (policy === null || POLICY_RANK[h.policy] > POLICY_RANK[policy]) policy = h.policy;
    }
    if (w.full) {
      const near = screening.nearMisses.filter((h) => isEntityList(ruleset, h.list));
      w.reasons.push({
        ruleId: rule ? rule.id : "affiliates-rule",
        paragraph: "15 CFR 744.11; Supp. No. 4 to part 744",
        test: `owner ${JSON.stringify(o.name)} (${fmtNum(o.percent)} % of the buyer) on the Entity List`,
        values: { percent: o.percent, hits: hits.length, nearMisses: near.length },
        passed: hits.length > 0,
        citation: hits.length
          ? hits.map((h) => h.citation).join("; ")
          : screening.checked.map((c) => `${c.title}, as of ${c.asOf}`).join("; ") || "no list loaded",
        layer: "parties",
        note: hits.length
          ? `matches ${hits.map((h) => `${h.name} (score ${h.score}; ${h.policyText})`).join("; ")}: its share counts toward the rule's threshold`
          : `no Entity List hit: its share does not count${near.length ? `; near miss ${near.map((h) => `${h.name} (score ${h.score})`).join(", ")} — check it, a confirmed match would count` : ""}`,
      });
    }
  }
  const inForce = span?.status === "in-force";
  const reaches = threshold !== null && listedPercent >= threshold;
  const applied = inForce && reaches && !w.outOfScope;
  if (applied) {
    const listedOwners = rows.filter((o) => o.listed);
    w.votes.push({
      ruleId: "entity-list:affiliates-rule",
      required: true,
      policy: policyKnown ? policy : null,
      exceptions: NO_EXCEPTIONS,
      req: Object.freeze({
        kind: "affiliates-rule" as const,
        ruleId: "entity-list:affiliates-rule",
        paragraph: rule!.paragraph,
        citation: span!.citation,
        ...(span!.from === rule!.status[0]!.from && rule!.pin ? { pin: rule!.pin } : {}),
        ...(span!.standing && span!.standing !== "codified" ? { standing: span!.standing } : {}),
        test: `buyer owned ${fmtNum(listedPercent)} % (≥ ${threshold} %) by Entity List parties: ${listedOwners.map((o) => `${o.name} ${fmtNum(o.percent)} % (${o.entries.join(", ")})`).join(", ")}; restricted as its listed owners are`,
        policy: policyKnown ? policy : null,
        policyParagraph: "Supp. No. 4 to part 744 (the listed owners' entries; the strictest applies)",
      }),
    });
  }
  if (w.full) {
    const share = `Entity List owners hold ${fmtNum(listedPercent)} % of the buyer`;
    const r: Reason = {
      ruleId: rule ? rule.id : "affiliates-rule",
      paragraph: rule ? rule.paragraph : "15 CFR 744.11(a)(1)",
      test: `buyer owned ${threshold ?? 50} % or more in aggregate by Entity List parties (Affiliates rule)`,
      values: {
        listedPercent,
        thresholdPercent: threshold,
        status: span ? span.status : null,
        since: span ? span.from : null,
      },
      passed: inForce ? reaches : false,
      citation: span ? span.citation : rule ? rule.citation : "data/affiliates-rule.json not loaded",
      layer: "parties",
    };
    if (rule && span && span.from === rule.status[0]!.from && rule.pin) r.pin = rule.pin;
    const standing = !span ? undefined : inForce ? span.standing : "not-enforced";
    if (standing && standing !== "codified") r.standing = standing;
    r.note = !rule
      ? "the Affiliates rule data (data/affiliates-rule.json) was not loaded: ownership was not applied"
      : !span
        ? `${share}; the Affiliates rule (${rule.citation}) took effect on ${rule.status[0]!.from}: on this date ownership does not extend a listing (only the listed names themselves bind)`
        : !inForce
          ? `${share}; ${rule.title} (${rule.citation}) not applied — ${span.note ?? "suspended"}`
          : reaches
            ? `${share} (≥ ${threshold} %): the buyer is restricted as its listed owners are — licence for all items subject to the EAR, review policy ${policyKnown && policy ? policy : "unknown (an owner's listing gives none the engine reads)"} (the strictest of the owners'), no licence exception${w.outOfScope ? ". This shipment itself needs no licence under the EAR (see the transaction)" : ""}${span.note ? `. ${span.note}` : ""}`
            : `${share} (< ${threshold} %): on these shares the rule does not reach the buyer. Owners on the MEU List or SDNs (which the rule also counts) are not screened for it here${span.note ? `. ${span.note}` : ""}`;
    w.reasons.push(r);
  }
  return {
    owners: rows,
    listedPercent,
    thresholdPercent: threshold,
    status: span ? span.status : null,
    applied,
  };
}

/**
 * The buyer's screening caveat when its owners were given: says what was checked (each owner screened against the
 * lists, the listed owners' shares added, the Affiliates rule applied or why not) and what still was not (OFAC's 50%
 * rule, owners on the MEU List or SDNs, owners not given, red flags). The buyer's "lists checked" reason says the same.
 */
function withOwnershipCaveat(
  w: Work,
  screening: NonNullable<Evaluation["screening"]>,
  own: OwnershipResult,
): NonNullable<Evaluation["screening"]> {
  return screening.map((s) => {
    if (s.role !== "buyer") return s;
    const x = s.result;
    const lists = x.checked.map((c) => `${c.title} (${c.entries} entries, as of ${c.asOf})`).join("; ");
    const owners = own.owners
      .map((o) => `${o.name} ${fmtNum(o.percent)} %${o.listed ? ` (listed: ${o.entries.join(", ")})` : ""}`)
      .join("; ");
    const rule =
      own.thresholdPercent === null
        ? "the Affiliates rule data was not loaded, so it was not applied"
        : own.applied
          ? `the Affiliates rule (≥ ${own.thresholdPercent} %) applied: the buyer is restricted as its listed owners are`
          : own.status === "suspended"
            ? `the Affiliates rule (≥ ${own.thresholdPercent} %) is suspended on this date: not applied`
            : own.status === null
              ? "the Affiliates rule was not yet in effect on this date: not applied"
              : own.listedPercent >= own.thresholdPercent
                ? `the Affiliates rule (≥ ${own.thresholdPercent} %) is reached but this shipment needs no licence under the EAR`
                : `below the Affiliates rule's ${own.thresholdPercent} %: it does not reach the buyer on these shares`;
    const caveat = `checked ${lists || "no list"}, and the buyer's ${own.owners.length} owner${own.owners.length === 1 ? "" : "s"} as given (${owners}) against the same lists: Entity List owners hold ${fmtNum(own.listedPercent)} % in aggregate; ${rule}. Not checked: any list not named here (import the Consolidated Screening List with \`chokepoint data import-csl\`), OFAC's 50% rule, owners on the MEU List or SDNs (which the Affiliates rule also counts), owners or ownership chains not given, end-use and end-user red flags. No match is not clearance.`;
    if (w.full) {
      const i = w.reasons.findIndex(
        (r) => r.ruleId === "screening" && r.test === "buyer screened" && r.note === x.caveat,
      );
      if (i >= 0)
        w.reasons[i] = freeze({ ...w.reasons[i]!, values: { ...w.reasons[i]!.values }, note: caveat });
    }
    return { role: s.role, result: { ...x, caveat } };
  });
}

/**
 * The Affiliates rule on the date, said once per result that names a party: the engine cannot see who owns the
 * buyer or consignee, so while the rule binds the answer is "check ownership", and while it is suspended it is
 * marked not enforced (built once per context).
 */
function affiliatesReason(w: Work, rule: AffiliatesRule): void {
  const have = memoGet(w.memo, rule, "");
  if (have) {
    w.reasons.push(have);
    return;
  }
  const span = affiliatesStatusAt(rule, w.date);
  if (!span) return;
  const inForce = span.status === "in-force";
  const r: Reason = {
    ruleId: rule.id,
    paragraph: rule.paragraph,
    test: `a party owned ${rule.ownershipAtLeastPercent}% or more by listed parties is restricted as they are (Affiliates rule)`,
    values: { date: w.date, status: span.status, since: span.from },
    passed: inForce ? null : false,
    citation: span.citation,
    layer: "parties",
  };
  if (span.from === rule.status[0]!.from && rule.pin) r.pin = rule.pin;
  const standing = inForce ? span.standing : "not-enforced";
  if (standing !== "codified") r.standing = standing;
  r.note = inForce
    ? `${rule.text}. Ownership is not known to this tool: establish who owns the buyer and consignee; if listed parties own ${rule.ownershipAtLeastPercent}% or more, their licence requirements apply${span.note ? `. ${span.note}` : ""}`
    : `${rule.title} (${rule.citation}) not applied — ${span.note ?? "suspended"}`;
  w.reasons.push(memoPut(w.memo, rule, "", r));
}

// A cached screening result stands for one (lists, name, date, role): its reasons are built once per result.
const screeningReasonMemo = new WeakMap<ScreenResult, (readonly Reason[] | undefined)[]>();

function screeningReasons(
  ruleset: Ruleset,
  result: ScreenResult,
  name: string,
  role: "buyer" | "consignee",
  outOfScope: boolean,
): readonly Reason[] {
  let slots = screeningReasonMemo.get(result);
  if (!slots) screeningReasonMemo.set(result, (slots = [undefined, undefined]));
  const i = outOfScope ? 1 : 0;
  const have = slots[i];
  if (have) return have;
  const reasons: Reason[] = [];
  for (const h of result.hits) {
    const licensing = isEntityList(ruleset, h.list);
    reasons.push({
      ruleId: licensing ? `entity-list:${h.entryId}` : h.list,
      paragraph: licensing ? "15 CFR 744.11; Supp. No. 4 to part 744" : h.listTitle,
      test: `${role} ${JSON.stringify(name)} matches ${h.name} (score ${h.score})`,
      values: { score: h.score, matchedOn: h.matchedOn },
      passed: true,
      citation: h.citation,
      layer: "parties",
      ...(h.standing ? { standing: h.standing } : {}),
      note: outOfScope
        ? `${h.meaning} — but this shipment needs no licence under the EAR (see the transaction)`
        : h.meaning,
    });
  }
  for (const h of result.nearMisses)
    reasons.push({
      ruleId: h.list,
      paragraph: isEntityList(ruleset, h.list) ? "15 CFR 744.11; Supp. No. 4 to part 744" : h.listTitle,
      test: `${role} ${JSON.stringify(name)} near ${h.name} (score ${h.score})`,
      values: { score: h.score, matchedOn: h.matchedOn },
      passed: null,
      citation: h.citation,
      layer: "parties",
      note: h.meaning,
    });
  reasons.push({
    ruleId: "screening",
    paragraph: "lists checked",
    test: `${role} screened`,
    values: { hits: result.hits.length, nearMisses: result.nearMisses.length },
    passed: result.hits.length === 0,
    citation: result.checked.map((c) => `${c.title}, as of ${c.asOf}`).join("; ") || "no list loaded",
    layer: "parties",
    note: result.caveat,
  });
  const frozen = Object.freeze(reasons.map(freeze));
  slots[i] = frozen;
  return frozen;
}

const notEnforcedCache = new WeakMap<Ruleset, Map<string, readonly Reason[]>>();

/** Rule versions that are in the CFR but not enforced on the date: said, not silently skipped (built once per date). */
function notEnforcedReasons(w: Work, ruleset: Ruleset, date: string): void {
  let byDate = notEnforcedCache.get(ruleset);
  if (!byDate) notEnforcedCache.set(ruleset, (byDate = new Map()));
  let list = byDate.get(date);
  if (!list) {
    const tmp: Work = { ...w, reasons: [] };
    buildNotEnforced(tmp, ruleset, date);
    list = Object.freeze(tmp.reasons.map((r) => Object.freeze(r)));
    if (byDate.size > 5000) byDate.clear();
    byDate.set(date, list);
  }
  for (const r of list) w.reasons.push(r);
}

function buildNotEnforced(w: Work, ruleset: Ruleset, date: string): void {
  for (const r of ruleset.rules) {
    if (statusAt(r, date) !== "not-enforced") continue;
    const since = [...r.status].reverse().find((x) => x.status === "not-enforced" && x.from <= date);
    w.reasons.push({
      ruleId: r.id,
      paragraph: r.criteria.map((c) => ("paragraph" in c ? c.paragraph : "")).find(Boolean) ?? r.citation,
      test: `${r.title}: applied`,
      values: { date },
      passed: false,
      citation: r.citation,
      standing: "not-enforced",
      note: `in the CFR but not enforced since ${since?.from ?? "?"}${since?.note ? ` (${since.note})` : ""}; not applied`,
    });
  }
}
