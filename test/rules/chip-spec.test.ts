// The one chip-spec reader (src/engine/chips/spec.ts) behind `chokepoint classify` (flags, CSV and JSON batch
// files) and POST /api/v1/classify: both spellings of every field, the boundaries of every rule, each message,
// and property tests that the CLI's paths and the API's path build the same Chip from the same spec.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { chipFromFlags, rowToInput } from "../../src/cli/commands/classify.js";
import { parseCsv, toCsv } from "../../src/data/csv.js";
import {
  applySpec,
  type ChipSpec,
  chipFromSpec,
  parseChipSpec,
  SPEC_BY_KEY,
  SPEC_FIELDS,
  SPEC_FLAGS,
  type SpecField,
} from "../../src/engine/chips/spec.js";
import { CHIP_COLUMNS } from "../../src/engine/chips/types.js";
import { chipOf } from "../../src/server/routes/classify.js";
import { type ClassifyItem, classifyItem } from "../../src/server/schemas.js";
import type { ApiServices } from "../../src/server/services.js";
import { captureCli } from "../support/cli.js";
import { blankChip } from "../support/blank-chip.js";
import { expectError, jsonOf, post, testApp } from "../server/helpers.js";

const CTX = { date: "2024-06-01", destination: "CN" };
const field = (key: string): SpecField => SPEC_BY_KEY.get(key)!;

/** The API's chip for a `specs` object: the route's schema, then the route's builder (no catalogue needed). */
function apiChip(specs: unknown) {
  const parsed = classifyItem.safeParse({ specs });
  if (!parsed.success) return { ok: false as const, issue: parsed.error.issues[0]! };
  return { ok: true as const, chip: chipOf({} as ApiServices, parsed.data as ClassifyItem, "chip").chip };
}

/** The CLI batch's chip for one record (CSV cells or JSON values). */
function cliChip(record: Record<string, unknown>) {
  const r = rowToInput(record, CTX);
  return "message" in r ? { ok: false as const, ...r } : { ok: true as const, chip: r.chip };
}

/**
 * A spec record through real CSV text (toCsv → parseCsv), as `classify --file x.csv` reads it. A label column the
 * reader ignores keeps a row whose cells are all blank from being an empty line.
 */
function viaCsv(snake: Record<string, unknown>): Record<string, string> {
  const { label, ...cells } = parseCsv(toCsv(["label", ...Object.keys(snake)], [{ label: "r", ...snake }]))
    .rows[0]!.record;
  expect(label).toBe("r");
  return cells;
}

const toSnake = (spec: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(spec).map(([k, v]) => [field(k).column, v]));

/** A valid value of each rule, as typed JSON, and the value the spec holds after reading it. */
const SAMPLE: Record<SpecField["rule"]["kind"], [unknown, unknown]> = {
  number: [812.5, 812.5],
  boolean: [false, false],
  enum: ["", ""], // per field below
  text: ["H20 test part", "H20 test part"],
  date: ["2024-02-29", "2024-02-29"],
  country: ["cn", "CN"],
};
function sample(f: SpecField): [unknown, unknown] {
  if (f.rule.kind === "enum") return [f.rule.values[1], f.rule.values[1]];
  return SAMPLE[f.rule.kind];
}

describe("the field table", () => {
  it("names every data/chips.csv column but notes, sources and provenance, once, plus tpp", () => {
    const columns = SPEC_FIELDS.map((f) => f.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(new Set(SPEC_FIELDS.map((f) => f.key)).size).toBe(columns.length);
    expect([...columns].sort()).toEqual(
      [...CHIP_COLUMNS.filter((c) => c !== "notes" && c !== "sources" && c !== "provenance"), "tpp"].sort(),
    );
    // camelCase keys are the Chip's own fields (tpp becomes tppGiven).
    const chip = blankChip();
    for (const f of SPEC_FIELDS) if (f.key !== "tpp") expect(chip).toHaveProperty(f.key);
  });
  it("the CLI flags are the documented ones", () => {
    expect(SPEC_FLAGS.map((f) => f.flag).sort()).toEqual(
      [
        "datacenter",
        "die-area",
        "fp16-tflops",
        "fp4-tflops",
        "fp64-tflops",
        "fp8-tflops",
        "hbm",
        "int8-tops",
        "io-bw",
        "memory-bw",
        "tf32-tflops",
        "tpp",
      ].sort(),
    );
  });
});

describe("every field in both spellings", () => {
  it.each(SPEC_FIELDS.map((f) => [f.key, f] as const))("%s", (_key, f) => {
    const [given, stored] = sample(f);
    const bySnake = parseChipSpec({ [f.column]: given }, { mode: "text", spelling: "either" });
    const byCamel = parseChipSpec({ [f.key]: given }, { mode: "text", spelling: "either" });
    const byApi = parseChipSpec({ [f.key]: given }, { mode: "json", spelling: "key" });
    for (const r of [bySnake, byCamel, byApi]) expect(r).toEqual({ ok: true, spec: { [f.key]: stored } });
    // Through the API's zod schema too; and the snake spelling is refused there (strict object) unless identical.
    const api = apiChip({ [f.key]: given });
    expect(api.ok).toBe(true);
    // The built chip holds the value (a stated TPP as tppGiven).
    if (api.ok) expect(api.chip).toHaveProperty(f.key === "tpp" ? "tppGiven" : f.key, stored);
    if (f.column !== f.key) expect(apiChip({ [f.column]: given }).ok).toBe(false);
    // Through real CSV text: the same value (CSV cells are text; the reader turns them back into numbers/booleans).
    const csv = cliChip(viaCsv({ [f.column]: given }));
    expect(csv).toEqual(api);
  });
  it("a batch record names the column when both spellings are present (the column wins)", () => {
    const r = parseChipSpec({ fp8_tflops: "296", fp8Tflops: 1979 }, { mode: "text", spelling: "either" });
    expect(r).toEqual({ ok: true, spec: { fp8Tflops: 296 } });
    const reversed = parseChipSpec(
      { fp8Tflops: "bad", fp8_tflops: "296" },
      { mode: "text", spelling: "either" },
    );
    expect(reversed).toEqual({ ok: true, spec: { fp8Tflops: 296 } });
  });
});

describe("boundaries", () => {
  const one = (key: string, value: unknown, mode: "json" | "text" = "json") =>
    parseChipSpec({ [key]: value }, { mode, spelling: "key" });
  it("die area must be > 0 (zero refused, the smallest double accepted); other measures ≥ 0", () => {
    expect(one("dieAreaMm2", 0).ok).toBe(false);
    expect(one("dieAreaMm2", Number.MIN_VALUE)).toEqual({ ok: true, spec: { dieAreaMm2: 5e-324 } });
    expect(one("fp8Tflops", 0)).toEqual({ ok: true, spec: { fp8Tflops: 0 } });
    expect(one("fp8Tflops", -Number.MIN_VALUE).ok).toBe(false);
    expect(one("tpp", 0)).toEqual({ ok: true, spec: { tpp: 0 } });
  });
  it("measures at most 1e12: 1e12 accepted, the next double above refused", () => {
    expect(one("memoryBandwidthGBps", 1e12).ok).toBe(true);
    // 1e12 + 2^-13 is the next representable double above 1e12 (ulp of 1e12 is 2^(39-52)).
    expect(1e12 + 2 ** -13).toBeGreaterThan(1e12);
    expect(one("memoryBandwidthGBps", 1e12 + 2 ** -13).ok).toBe(false);
  });
  it("text lengths: id ≤ 100, name ≤ 200, vendor ≤ 100 characters", () => {
    expect(one("id", "x".repeat(100)).ok).toBe(true);
    expect(one("id", "x".repeat(101)).ok).toBe(false);
    expect(one("name", "x".repeat(200)).ok).toBe(true);
    expect(one("name", "x".repeat(201)).ok).toBe(false);
    expect(one("vendor", "x".repeat(101)).ok).toBe(false);
  });
  it("dates exist and lie in 1950-01-01 … 2100-12-31 (2024 is a leap year, 2023 and 2100 are not)", () => {
    for (const d of ["1950-01-01", "2024-02-29", "2100-12-31"]) expect(one("releaseDate", d).ok).toBe(true);
    for (const d of ["1949-12-31", "2101-01-01", "2023-02-29", "2100-02-29", "2024-13-01", "2024-1-01"])
      expect(one("releaseDate", d).ok, d).toBe(false);
  });
  it("countries are two letters, upper-cased; enums are exact", () => {
    expect(one("country", "tw")).toEqual({ ok: true, spec: { country: "TW" } });
    expect(one("country", "TWN").ok).toBe(false);
    expect(one("type", "GPU").ok).toBe(false);
    expect(one("origin", "foreign")).toEqual({ ok: true, spec: { origin: "foreign" } });
  });
  it("text mode (batch files) reads cells: trimmed numbers, yes/no words, blank = unknown; JSON mode does not", () => {
    expect(one("fp8Tflops", " 296 ", "text")).toEqual({ ok: true, spec: { fp8Tflops: 296 } });
    expect(one("fp8Tflops", "296").ok).toBe(false);
    for (const [w, b] of [
      ["yes", true],
      ["Y", true],
      ["1", true],
      ["TRUE", true],
      ["no", false],
      ["n", false],
      ["0", false],
      ["False", false],
    ] as const)
      expect(one("datacenter", w, "text"), w).toEqual({ ok: true, spec: { datacenter: b } });
    expect(one("datacenter", "yes").ok).toBe(false);
    expect(one("dieAreaMm2", "  ", "text")).toEqual({ ok: true, spec: {} });
    expect(one("origin", null, "text")).toEqual({ ok: true, spec: {} });
    expect(one("origin", null).ok).toBe(false);
    expect(one("dieAreaMm2", null)).toEqual({ ok: true, spec: { dieAreaMm2: null } });
  });
});

describe("error messages name the field as spelled, the value and the rule", () => {
  const msg = (record: Record<string, unknown>, mode: "json" | "text" = "text") => {
    const r = parseChipSpec(record, { mode, spelling: "either" });
    return r.ok ? "accepted" : `${r.error.field}|${r.error.message}`;
  };
  it.each([
    [{ die_area_mm2: "-3" }, "die_area_mm2|invalid die_area_mm2: -3 (must be > 0)"],
    [{ dieAreaMm2: -3 }, "dieAreaMm2|invalid dieAreaMm2: -3 (must be > 0)"],
    [{ die_area_mm2: "0" }, "die_area_mm2|invalid die_area_mm2: 0 (must be > 0)"],
    [{ fp8_tflops: "abc" }, 'fp8_tflops|invalid fp8_tflops: "abc" (must be a finite number)'],
    [{ fp8_tflops: "Infinity" }, 'fp8_tflops|invalid fp8_tflops: "Infinity" (must be a finite number)'],
    [{ int8_tops: "-1" }, "int8_tops|invalid int8_tops: -1 (must be ≥ 0)"],
    [{ tdp_w: "2e12" }, "tdp_w|invalid tdp_w: 2000000000000 (must be ≤ 1e12)"],
    [{ tpp: -1 }, "tpp|invalid tpp: -1 (must be ≥ 0)"],
    [{ datacenter: "maybe" }, 'datacenter|invalid datacenter: "maybe" (must be true or false)'],
    [{ hbm: 2 }, "hbm|invalid hbm: 2 (must be true or false)"],
    [{ origin: "EU" }, 'origin|invalid origin: "EU" (must be one of US, foreign)'],
    [{ type: "npu" }, 'type|invalid type: "npu" (must be one of gpu, asic, fpga, other)'],
    [
      { release_date: "2023-02-29" },
      'release_date|invalid release_date: "2023-02-29" (must be a date that exists)',
    ],
    [
      { releaseDate: "June 2024" },
      'releaseDate|invalid releaseDate: "June 2024" (must be a date YYYY-MM-DD)',
    ],
    [
      { release_date: "1900-01-01" },
      'release_date|invalid release_date: "1900-01-01" (must be between 1950-01-01 and 2100-12-31)',
    ],
    [
      { country: "USA" },
      'country|invalid country: "USA" (must be an ISO 3166-1 alpha-2 country code such as CN or US)',
    ],
    [{ id: 7 }, "id|invalid id: 7 (must be text)"],
    [{ name: "n".repeat(201) }, `name|invalid name: "${"n".repeat(76)}... (must be at most 200 characters)`],
  ])("%j", (record, expected) => {
    expect(msg(record)).toBe(expected);
  });
  it("the first bad field in the record's order (a CSV row's column order) is the one reported", () => {
    expect(msg({ tdp_w: "-1", fp8_tflops: "x" })).toMatch(/^tdp_w\|/);
    expect(msg({ fp8_tflops: "x", tdp_w: "-1" })).toMatch(/^fp8_tflops\|/);
  });
});

describe("the API and the CLI report the same rule", () => {
  const t = testApp();
  afterAll(() => t.close());
  it.each([
    [{ dieAreaMm2: -3 }, "specs.dieAreaMm2", "invalid specs.dieAreaMm2: -3 (must be > 0)"],
    // Was accepted by the API's schema and then refused by the engine under the CLI's name die_area_mm2.
    [{ dieAreaMm2: 0 }, "specs.dieAreaMm2", "invalid specs.dieAreaMm2: 0 (must be > 0)"],
    [{ fp8Tflops: "lots" }, "specs.fp8Tflops", 'invalid specs.fp8Tflops: "lots" (must be a finite number)'],
    [{ tdpW: 2e12 }, "specs.tdpW", "invalid specs.tdpW: 2000000000000 (must be ≤ 1e12)"],
    [{ datacenter: "yes" }, "specs.datacenter", 'invalid specs.datacenter: "yes" (must be true or false)'],
    [{ origin: "EU" }, "specs.origin", 'invalid specs.origin: "EU" (must be one of US, foreign)'],
    [{ tpp: -1 }, "specs.tpp", "invalid specs.tpp: -1 (must be ≥ 0)"],
  ])("POST /classify specs %j → 400 %s", async (specs, where, message) => {
    const err = await expectError(await post(t.app, "/classify", { specs }), 400, "bad_input", where);
    expect(err.message).toBe(message);
  });
  it("the same bad value through the CLI flags, quoting the flag as typed", async () => {
    const r = await captureCli(["classify", "--tpp", "3000", "--die-area", "0", "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      field: "die-area",
      message: 'invalid --die-area: "0" (must be > 0)',
    });
    const big = await captureCli(["classify", "--fp8-tflops", "2e12"]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/invalid --fp8-tflops: "2e12" \(must be ≤ 1e12\)/);
  });
  it("an unknown origin in a batch row is an error row (it was silently read as US)", () => {
    expect(cliChip({ id: "x", tpp: "5000", origin: "EU" })).toMatchObject({
      ok: false,
      field: "origin",
      message: 'invalid origin: "EU" (must be one of US, foreign)',
    });
  });
  it("the API takes a stated TPP like the CLI's --tpp: 4800 ≥ 4800 is 3A090.a under the 2023 rule", async () => {
    const r = await jsonOf<{ classification: string; metrics: { tpp: number } }>(
      await post(t.app, "/classify", { specs: { tpp: 4800, datacenter: true }, date: "2024-06-01" }),
    );
    expect(r.metrics.tpp).toBe(4800);
    expect(r.classification).toBe("3A090.a");
  });
});

describe("building the Chip", () => {
  it("unknown is null, origin US, label custom; a stated TPP becomes tppGiven", () => {
    const c = chipFromSpec({ fp8Tflops: 296, tpp: 2400, dieAreaMm2: 814 });
    expect(c).toEqual({
      ...blankChip({ fp8Tflops: 296, dieAreaMm2: 814 }),
      id: "custom",
      name: "custom chip",
      vendor: "",
      datacenter: null,
      country: null,
      notes: "specs given in the request",
      tppGiven: 2400,
    });
    expect(chipFromSpec({ id: "h20x" }, 4)).toMatchObject({ id: "h20x", name: "h20x" });
    expect(chipFromSpec({}, 4).id).toBe("custom-5");
  });
  it("over a catalogue chip: given fields replace, null clears, the base is untouched", () => {
    const base = blankChip({ fp8Tflops: 1979, fp16Tflops: 989, dieAreaMm2: 814 });
    const before = structuredClone(base);
    const c = applySpec(base, { fp8Tflops: 296, dieAreaMm2: null, tpp: 100 } satisfies ChipSpec);
    expect(c).toEqual({ ...base, fp8Tflops: 296, dieAreaMm2: null, tppGiven: 100 });
    expect(base).toEqual(before);
    expect(applySpec(c, { tpp: null })).not.toHaveProperty("tppGiven");
  });
});

// ---- property tests: the same spec gives the same Chip on every path --------------------------------------

function arbValue(f: SpecField): fc.Arbitrary<unknown> {
  const r = f.rule;
  let a: fc.Arbitrary<unknown>;
  switch (r.kind) {
    case "number":
      a = fc
        .double({ min: r.min, max: r.max, noNaN: true, minExcluded: r.exclusiveMin })
        .map((d) => (d === 0 ? 0 : d)); // no -0: CSV writes it "0"
      break;
    case "boolean":
      a = fc.boolean();
      break;
    case "enum":
      a = fc.constantFrom(...r.values);
      break;
    case "text":
      a = fc.string({ minLength: 1, maxLength: r.maxLength }).filter((s) => s.trim() === s && s !== "");
      break;
    case "date":
      a = fc
        .date({
          min: new Date("1950-01-01T00:00:00Z"),
          max: new Date("2100-12-31T00:00:00Z"),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
      break;
    case "country":
      a = fc.stringMatching(/^[A-Za-z]{2}$/);
      break;
  }
  return f.nullable ? fc.option(a, { nil: null, freq: 4 }) : a;
}

const arbSpec = fc.record(Object.fromEntries(SPEC_FIELDS.map((f) => [f.key, arbValue(f)])), {
  requiredKeys: [],
}) as fc.Arbitrary<Record<string, unknown>>;

describe("CLI and API build the same Chip (property)", () => {
  it("API specs = CLI JSON batch (camelCase and snake_case) = CLI CSV batch", () => {
    fc.assert(
      fc.property(arbSpec, (spec) => {
        const api = apiChip(spec);
        expect(api.ok).toBe(true);
        expect(cliChip(spec)).toEqual(api);
        expect(cliChip(toSnake(spec))).toEqual(api);
        // CSV cannot tell null from absent: both are a blank cell, and both mean unknown on the API side too,
        // except tpp (null removes a stated TPP; absent never set one) — the same for a spec alone.
        expect(cliChip(viaCsv(toSnake(spec)))).toEqual(api);
      }),
      { numRuns: 300 },
    );
  });
  it("API specs = CLI flags, for the fields the flags carry", () => {
    const flagged = fc.record(
      Object.fromEntries(SPEC_FLAGS.map((f) => [f.key, arbValue({ ...f, nullable: false })])),
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, unknown>>;
    fc.assert(
      fc.property(flagged, (spec) => {
        const values = Object.fromEntries(
          SPEC_FLAGS.filter((f) => spec[f.key] !== undefined).map((f) => [
            f.flag,
            typeof spec[f.key] === "number" ? String(spec[f.key]) : spec[f.key],
          ]),
        ) as Record<string, string | boolean>;
        const api = apiChip(spec);
        expect(api.ok).toBe(true);
        expect(chipFromFlags(values)).toEqual(api.ok && api.chip);
      }),
      { numRuns: 300 },
    );
  });
  it("any number: the API and the CLI accept the same values and refuse the rest for the same reason", () => {
    const numeric = SPEC_FIELDS.filter((f) => f.rule.kind === "number");
    fc.assert(
      fc.property(
        fc.constantFrom(...numeric),
        fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e12, -1, Number.MIN_VALUE)),
        (f, d) => {
          const api = apiChip({ [f.key]: d });
          const cli = cliChip({ [f.column]: d });
          expect(cli.ok).toBe(api.ok);
          if (api.ok) expect(cli).toEqual(api);
          else if (!cli.ok) expect(cli.message).toBe(`invalid ${f.column}: ${d} (${api.issue.message})`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("CLI and API classify the same spec the same way (end to end)", () => {
  const t = testApp();
  afterAll(() => t.close());
  it("classify flags --json = POST /classify specs, on random chips and dates", async () => {
    const arb = fc.record({
      fp8Tflops: fc.integer({ min: 0, max: 4000 }),
      fp16Tflops: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
      dieAreaMm2: fc.option(fc.integer({ min: 100, max: 1000 }), { nil: undefined }),
      memoryBandwidthGBps: fc.option(fc.integer({ min: 0, max: 8000 }), { nil: undefined }),
      ioBandwidthGBps: fc.option(fc.integer({ min: 0, max: 1800 }), { nil: undefined }),
      datacenter: fc.option(fc.boolean(), { nil: undefined }),
      date: fc.constantFrom("2023-01-01", "2024-06-01", "2025-06-01", "2026-03-01"),
      destination: fc.constantFrom("CN", "MY", "NL", "HK"),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (x) => {
        const { date, destination, ...specs } = x;
        const given = Object.fromEntries(Object.entries(specs).filter(([, v]) => v !== undefined));
        const argv = ["classify", "--date", date, "--dest", destination, "--json"];
        for (const f of SPEC_FLAGS) {
          const v = given[f.key];
          if (typeof v === "number") argv.push(`--${f.flag}`, String(v));
          else if (v === true) argv.push(`--${f.flag}`);
          else if (v === false) argv.push(`--no-${f.flag}`);
        }
        const cli = await captureCli(argv);
        expect(cli.code).toBe(0);
        const api = await jsonOf<Record<string, unknown>>(
          await post(t.app, "/classify", { specs: given, date, destination }),
        );
        const { chip, ...evaluation } = api;
        expect(chip).toEqual({ id: "custom", name: "custom chip", from: "specs" });
        expect(evaluation).toEqual(JSON.parse(cli.stdout));
      }),
      { numRuns: 25 },
    );
  });
});
