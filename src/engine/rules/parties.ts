import type { ReviewPolicy, Standing } from "./schema.js";

/**
 * Party screening: fuzzy, transliteration-aware matching of buyer and consignee names against restricted-party lists
 * (the Entity List entries the project curates, data/entity-list.csv, and a Consolidated Screening List the user
 * imports). Pure: the lists arrive as rows; nothing here reads files.
 *
 * Matching works on normalised forms: Unicode NFKC, case and accents folded, punctuation to spaces, legal-form
 * suffixes dropped (Co., Ltd., Inc., GmbH … and 有限公司, 股份有限公司, 有限责任公司, 集团, 公司). Chinese names are also
 * compared as pinyin (for the characters of the curated names), so 华为技术有限公司, "Hua Wei Ji Shu" and
 * "Huawei Technologies Co., Ltd." meet. Score: Dice coefficient over character bigrams of the space-free form
 * (word splits such as "Hua Wei" / "Huawei" do not matter), raised when every word of a listed name appears in the
 * query. A hit is ≥ 0.9, a near miss ≥ 0.7 (shown, never hidden).
 */

export const HIT_SCORE = 0.9;
export const NEAR_MISS_SCORE = 0.7;
/** Longest name accepted for screening (characters); longer input is refused, naming the field. */
export const MAX_NAME_LENGTH = 300;

export interface PartyEntry {
  id: string;
  name: string;
  aliases: string[];
  /** Country (ISO2) of the listed address, when given. */
  country: string | null;
  /** What the listing requires, in words (e.g. "licence for all items subject to the EAR"). */
  licenceRequirement: string;
  /** Review policy of the listing, when it is one of the engine's policies. */
  policy: ReviewPolicy | null;
  /** The policy as the list states it, in words. */
  policyText: string;
  /** Federal Register citation (or the list's own source reference) and the date the listing took effect. */
  citation: string;
  effective: string | null;
  standing?: Standing;
  source: string;
  notes: string;
}

export interface PartyList {
  id: string;
  title: string;
  /** The date the list's content is as of (the file's date, or the import date when unknown). */
  asOf: string;
  /** Where it came from (file, URL, dataset version). */
  source: string;
  /** Whether a hit on this list itself creates a licence requirement under the EAR (the Entity List does). */
  licensing: "entity-list" | "screen-only";
  entries: PartyEntry[];
}

/** A normalised name form: the words, and the space-free string the bigrams come from. */
interface Form {
  words: string[];
  compact: string;
}

interface Key {
  entry: number;
  matchedOn: string;
  form: Form;
}

export interface PartyIndex {
  list: PartyList;
  keys: Key[];
  /** Bigram → its number; postings[number] lists the keys holding it, counts[number] how often each holds it. */
  bigramIds: Map<string, number>;
  postings: Int32Array[];
  counts: Uint8Array[];
  /** Number of bigrams per key (with repeats), for the Dice denominator. */
  sizes: Int32Array;
  /** Scratch accumulator of shared-bigram counts per key, reused between queries (zeroed after each). */
  scratch: Int32Array;
  touched: Int32Array;
}

export interface ScreenHit {
  list: string;
  listTitle: string;
  entryId: string;
  name: string;
  matchedOn: string;
  score: number;
  verdict: "hit" | "near-miss";
  licenceRequirement: string;
  policy: ReviewPolicy | null;
  policyText: string;
  citation: string;
  effective: string | null;
  standing?: Standing;
  /** What the match means for the transaction, in words. */
  meaning: string;
}

export interface ScreenResult {
  query: string;
  normalized: string;
  hits: ScreenHit[];
  nearMisses: ScreenHit[];
  checked: { id: string; title: string; asOf: string; entries: number; source: string }[];
  /** Screening is never complete: which lists were not checked. */
  caveat: string;
}

const LATIN_SUFFIXES = new Set([
  "co",
  "company",
  "corp",
  "corporation",
  "ltd",
  "limited",
  "inc",
  "incorporated",
  "llc",
  "plc",
  "gmbh",
  "ag",
  "sa",
  "bv",
  "nv",
  "pte",
  "pty",
  "srl",
  "spa",
  "kk",
  "the",
]);
/** Chinese legal forms, longest first, stripped from the end (and from anywhere for 有限公司-type tails). */
const CJK_SUFFIXES = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"];
/** The same tails in pinyin, as they appear after a Chinese name is transliterated. */
const PINYIN_SUFFIXES = ["gufenyouxiangongsi", "youxianzerengongsi", "youxiangongsi", "jituan", "gongsi"];

/**
 * Pinyin (toneless) of the characters in the curated Chinese names; characters outside it are kept as they are, so
 * Chinese-to-Chinese matching still works for any name.
 */
const PINYIN: Record<string, string> = Object.fromEntries(
  (
    "华hua 为wei 技ji 术shu 有you 限xian 公gong 司si 海hai 思si 半ban 导dao 体ti 中zhong 芯xin 国guo 际ji 集ji " +
    "成cheng 电dian 路lu 制zhi 造zao 科ke 寒han 武wu 纪ji 股gu 份fen 长chang 江jiang 存cun 储chu 责ze 任ren " +
    "浪lang 潮chao 团tuan 上shang 壁bi 仞ren 智zhi 能neng 摩mo 尔er 线xian 程cheng 北bei 京jing 算suan 曙shu " +
    "光guang 信xin 息xi 产chan 业ye 宁ning 畅chang 深shen 圳zhen 京jing 天tian 津jin 东dong 莞guan 云yun 计ji"
  )
    .split(" ")
    .map((p) => [p[0]!, p.slice(1)]),
);

const CJK = /[\u3400-\u9fff]/;
const ASCII = /^[\x20-\x7e]*$/;

function stripCjkSuffixes(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of CJK_SUFFIXES)
      if (out.length > suf.length && out.endsWith(suf)) {
        out = out.slice(0, -suf.length);
        changed = true;
      }
  }
  return out;
}

function stripPinyinSuffixes(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suf of PINYIN_SUFFIXES)
      if (out.length > suf.length + 2 && out.endsWith(suf)) {
        out = out.slice(0, -suf.length);
        changed = true;
      }
  }
  return out;
}

/** Folds case, accents and width; punctuation and brackets become spaces. */
function fold(s: string): string {
  // Plain ASCII (most list entries) needs no Unicode normalisation.
  if (ASCII.test(s))
    return s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  return s
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The Latin form of a name: words without legal-form suffixes (a Chinese name is first transliterated). */
function latinForm(folded: string): Form {
  let words: string[];
  if (CJK.test(folded)) {
    const cjk = stripCjkSuffixes(folded.replace(/\s+/g, ""));
    words = [...cjk].map((ch) => PINYIN[ch] ?? ch);
  } else words = folded.split(" ").filter((w) => w !== "" && !LATIN_SUFFIXES.has(w));
  if (words.length === 0) words = folded.split(" ").filter(Boolean);
  const compact = stripPinyinSuffixes(words.join(""));
  return { words, compact };
}

/** The forms a name is compared in: its Latin (or pinyin) form, and for Chinese names the characters too. */
function forms(name: string): Form[] {
  const folded = fold(name);
  const out = [latinForm(folded)];
  if (CJK.test(folded)) {
    const cjk = stripCjkSuffixes(folded.replace(/\s+/g, ""));
    out.push({ words: [cjk], compact: cjk });
  }
  return out;
}

function bigramsOf(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) m.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

function sizeOf(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/** Normalised form of a name as screening sees it (shown in results so users can see what was compared). */
export function normalizeName(name: string): string {
  return forms(name)
    .map((f) => f.compact)
    .join(" / ");
}

/** Builds the bigram index of a list (once per list; screening a name is then a few postings scans). */
export function indexParties(list: PartyList): PartyIndex {
  const keys: Key[] = [];
  const bigramIds = new Map<string, number>();
  const lists: { keys: number[]; counts: number[] }[] = [];
  const sizes: number[] = [];
  list.entries.forEach((e, entry) => {
    const seen = new Set<string>();
    for (const n of [e.name, ...e.aliases]) {
      for (const form of forms(n)) {
        if (form.compact === "" || seen.has(form.compact)) continue;
        seen.add(form.compact);
        const bigrams = bigramsOf(form.compact);
        const k = keys.length;
        keys.push({ entry, matchedOn: n, form });
        sizes.push(sizeOf(bigrams));
        for (const [b, c] of bigrams) {
          let id = bigramIds.get(b);
          if (id === undefined) {
            id = lists.length;
            bigramIds.set(b, id);
            lists.push({ keys: [], counts: [] });
          }
          lists[id]!.keys.push(k);
          lists[id]!.counts.push(Math.min(c, 255));
        }
      }
    }
  });
  return {
    list,
    keys,
    bigramIds,
    postings: lists.map((l) => Int32Array.from(l.keys)),
    counts: lists.map((l) => Uint8Array.from(l.counts)),
    sizes: Int32Array.from(sizes),
    scratch: new Int32Array(keys.length),
    touched: new Int32Array(keys.length),
  };
}

/** Every word of the listed name appears among the query's words (a listed name inside a longer one). */
function contained(key: Form, query: Form, queryWords: Set<string>): boolean {
  if (key.words.length === 0 || key.compact.length < 4) return false;
  if (key.words.every((w) => queryWords.has(w))) return true;
  // the listed name, space-free, inside the space-free query ("Hua Wei Technologies" ⊃ "huawei")
  return query.compact.includes(key.compact);
}

function meaning(list: PartyList, e: PartyEntry, verdict: "hit" | "near-miss"): string {
  if (verdict === "near-miss")
    return `possible match on ${list.title}: not treated as a listed party — confirm the party's full name and address against the entry before shipping`;
  return list.licensing === "entity-list"
    ? `listed party: ${e.licenceRequirement}; review policy ${e.policyText}; no license exception unless the entry says so (15 CFR 744.11, supp. no. 4 to part 744)`
    : `listed on ${list.title}: ${e.licenceRequirement || "see the list's source for the restriction"}`;
}

/** Screens one name against one indexed list. */
function screenOne(index: PartyIndex, query: Form[]): ScreenHit[] {
  const best = new Map<number, { score: number; key: Key }>();
  const acc = index.scratch;
  const touched = index.touched;
  const sizes = index.sizes;
  for (const q of query) {
    const qb = bigramsOf(q.compact);
    const qSize = sizeOf(qb);
    let nTouched = 0;
    for (const [b, n] of qb) {
      const id = index.bigramIds.get(b);
      if (id === undefined) continue;
      const ks = index.postings[id]!;
      const cs = index.counts[id]!;
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i]!;
        if (acc[k] === 0) touched[nTouched++] = k;
        acc[k]! += n < cs[i]! ? n : cs[i]!;
      }
    }
    // Only keys reaching the near-miss score, or holding every bigram of their own name (possible containment),
    // are looked at further; the rest are cleared in the same pass.
    let queryWords: Set<string> | null = null;
    for (let t = 0; t < nTouched; t++) {
      const k = touched[t]!;
      const common = acc[k]!;
      acc[k] = 0;
      const size = sizes[k]!;
      let score = (2 * common) / (qSize + size);
      if (score < NEAR_MISS_SCORE && common !== size) continue;
      const key = index.keys[k]!;
      if (key.form.compact === q.compact) score = 1;
      else if (common === size) {
        queryWords ??= new Set(q.words);
        if (contained(key.form, q, queryWords))
          score = Math.max(score, key.form.words.length >= 2 || key.form.compact.length >= 8 ? 0.92 : 0.88);
      }
      if (score < NEAR_MISS_SCORE) continue;
      const have = best.get(key.entry);
      if (!have || score > have.score) best.set(key.entry, { score, key });
    }
  }
  const out: ScreenHit[] = [];
  for (const [entry, { score, key }] of best) {
    if (score < NEAR_MISS_SCORE) continue;
    const e = index.list.entries[entry]!;
    const verdict = score >= HIT_SCORE ? "hit" : "near-miss";
    out.push({
      list: index.list.id,
      listTitle: index.list.title,
      entryId: e.id,
      name: e.name,
      matchedOn: key.matchedOn,
      score: Math.round(score * 1000) / 1000,
      verdict,
      licenceRequirement: e.licenceRequirement,
      policy: e.policy,
      policyText: e.policyText,
      citation: e.citation,
      effective: e.effective,
      ...(e.standing ? { standing: e.standing } : {}),
      meaning: meaning(index.list, e, verdict),
    });
  }
  return out;
}

/** Thrown for a name screening refuses (empty, too long); names the field. */
export class PartyInputError extends Error {
  override name = "PartyInputError";
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Checks a party name; throws PartyInputError naming `field`. */
export function checkPartyName(name: unknown, field: string): string {
  if (typeof name !== "string") throw new PartyInputError(`invalid ${field}: must be text`, field);
  const t = name.trim();
  if (t === "") throw new PartyInputError(`invalid ${field}: must not be empty`, field);
  if (t.length > MAX_NAME_LENGTH)
    throw new PartyInputError(
      `invalid ${field}: ${t.length} characters (at most ${MAX_NAME_LENGTH}; a party name longer than that is not a name)`,
      field,
    );
  return t;
}

/**
 * Screens a name against every list; `date` (YYYY-MM-DD) leaves out listings that took effect later. Hits and near
 * misses are sorted by score. The result names each list checked and its date, and never claims completeness.
 */
export function screenName(
  name: string,
  indexes: readonly PartyIndex[],
  opts: { date?: string; field?: string } = {},
): ScreenResult {
  const q = checkPartyName(name, opts.field ?? "name");
  const query = forms(q);
  const all: ScreenHit[] = [];
  for (const idx of indexes)
    for (const h of screenOne(idx, query))
      if (!opts.date || h.effective === null || h.effective <= opts.date) all.push(h);
  all.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
  const checked = indexes.map((i) => ({
    id: i.list.id,
    title: i.list.title,
    asOf: i.list.asOf,
    entries: i.list.entries.length,
    source: i.list.source,
  }));
  return {
    query: q,
    normalized: normalizeName(q),
    hits: all.filter((h) => h.verdict === "hit"),
    nearMisses: all.filter((h) => h.verdict === "near-miss"),
    checked,
    caveat: `checked ${checked.map((c) => `${c.title} (${c.entries} entries, as of ${c.asOf})`).join("; ") || "no list"}. Not checked: any list not named here (import the Consolidated Screening List with \`chokepoint data import-csl\`), OFAC's 50% rule and the Entity List affiliates rule, end-use and end-user red flags. No match is not clearance.`,
  };
}
