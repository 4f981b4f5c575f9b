import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blocOf, collapseModels, detectEpochKind, parseEpochCsv } from "../../src/data/epoch.js";
import { mergeEpoch } from "../../src/data/import-epoch.js";

// Fixtures are real rows of the Epoch exports (see test/fixtures/epoch/README.md); malformed ones are edited copies.
const fx = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/epoch", name), "utf8");
const parse = (name: string) => parseEpochCsv(fx(name), name);

describe("recognising Epoch exports by header", () => {
  it("tells the five kinds apart", () => {
    expect(parse("eci-small.csv").kind).toBe("eci");
    expect(parse("notable-small.csv").kind).toBe("notable");
    expect(parse("hardware-small.csv").kind).toBe("hardware");
    const frontier =
      "Model,Publication date,Organization,Training compute (FLOP),Country (of organization),Open model weights?";
    expect(detectEpochKind(frontier.split(","))).toBe("frontier");
    expect(
      detectEpochKind([
        "Model",
        "Publication date",
        "Organization categorization (from Organization)",
        "Training compute (FLOP)",
      ]),
    ).toBe("large-scale");
  });

  it("refuses a file that is not an Epoch export", () => {
    const r = parse("not-epoch.csv");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.field).toBe("(header)");
  });
});

describe("validation: per-row errors, nothing kept on failure", () => {
  it("missing column", () => {
    const r = parse("eci-missing-column.csv");
    expect(r.errors).toEqual([
      {
        file: "eci-missing-column.csv",
        line: 1,
        field: "Release date",
        message: "missing column(s) for the eci export",
      },
    ]);
    expect(r.models).toHaveLength(0);
  });

  it("bad date names line, field and value", () => {
    const r = parse("eci-bad-date.csv");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 4, field: "Release date" });
    expect(r.errors[0]!.message).toContain('"2024-13-45"');
  });

  it("non-numeric score", () => {
    const r = parse("eci-bad-score.csv");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 5, field: "ECI Score" });
    expect(r.errors[0]!.message).toContain('"n/a"');
  });

  it("duplicate rows", () => {
    const r = parse("eci-duplicate.csv");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 11, field: "Model version" });
    expect(r.errors[0]!.message).toContain("first on line 2");
  });

  it("an unterminated quote is a file error, not a throw", () => {
    const r = parseEpochCsv('Model version,ECI Score\n"abc,1\n', "x.csv");
    expect(r.errors[0]!.field).toBe("(file)");
  });
});

describe("collapsing variants", () => {
  const models = collapseModels(parse("eci-small.csv").models);
  const byId = new Map(models.map((m) => [m.id, m]));

  it("effort levels and hosts of one dated release become one model with every variant id", () => {
    // 9 rows: GPT-4 (Mar 2023) ×2, o1 ×3, DeepSeek-R1, Yi-34B on 2023-11-02, Yi-34B on 2023-11-22, Qwen2-72B
    expect(models).toHaveLength(6);
    expect(byId.get("o1")!.variants.sort()).toEqual([
      "o1-2024-12-17_high",
      "o1-2024-12-17_low",
      "o1-2024-12-17_medium",
    ]);
    expect(byId.get("gpt-4-mar-2023")!.variants.sort()).toEqual(["gpt-4-0314", "gpt-4-32k-0314"]);
  });

  it("one name on two dates stays two models, each with a dated id", () => {
    expect(byId.get("yi-34b-2023-11-02")!.releaseDate).toBe("2023-11-02");
    expect(byId.get("yi-34b-2023-11-22")!.variants).toEqual(["Yi-34B-Chat"]);
  });

  it("keeps the best score over variants", () => {
    const rows = parse("eci-small.csv").models.map((r) =>
      r.variant === "o1-2024-12-17_low" ? { ...r, eci: 150 } : r,
    );
    expect(collapseModels(rows).find((m) => m.id === "o1")!.eci).toBe(150);
  });

  it("maps country lists to blocs without guessing; third countries decide nothing, on either side", () => {
    expect(blocOf("United States of America")).toBe("US");
    expect(blocOf("United States of America,United States of America")).toBe("US");
    expect(blocOf("China,Hong Kong")).toBe("CN");
    expect(blocOf("United States of America,China")).toBe("joint");
    expect(
      blocOf("United States of America,China,United Kingdom of Great Britain and Northern Ireland"),
    ).toBe("joint");
    // Symmetric: a third country beside the US keeps a model US exactly as one beside China keeps it CN.
    expect(blocOf("United States of America,Germany")).toBe("US");
    expect(blocOf("China,Singapore")).toBe("CN");
    expect(blocOf("Germany,France")).toBe("other");
    expect(blocOf("")).toBe("other");
  });
});

describe("merging a newer file", () => {
  const base = collapseModels(parse("eci-small.csv").models);

  it("reports rows added, values revised and the gap before → after", () => {
    const r = mergeEpoch(base, parse("eci-newer.csv"));
    expect(r.added.map((m) => m.name).sort()).toEqual(["Kimi K2.5", "o3"]);
    expect(r.revised).toEqual([
      { id: "deepseek-r1", field: "eci", before: expect.closeTo(139.8769, 3), after: 140.5 },
    ]);
    expect(r.models).toHaveLength(8);
    // On 2026-01-27 (the newest release). Before: US o1 142.97 (2024-12-17) vs China DeepSeek-R1 139.88 → US
    // reached it on 2024-12-17: 365 + 31 + 10 = 406 days. After: Kimi K2.5 148.02 passes o3 147.20 that very day,
    // so China leads by 0 days.
    expect(r.gap.date).toBe("2026-01-27");
    expect(r.gap.before! * 30.44).toBeCloseTo(406, 6);
    expect(r.gap.after).toBe(0);
  });

  it("a models-database export adds compute and hardware, matching by name", () => {
    const r = mergeEpoch(base, parse("notable-small.csv"));
    const v3 = r.added.find((m) => m.name === "DeepSeek-V3")!;
    expect(v3).toMatchObject({
      bloc: "CN",
      releaseDate: "2024-12-24",
      trainingComputeFlop: 3.4078e24,
      hardware: "NVIDIA H800 SXM5",
      hardwareQuantity: 2048,
    });
    expect(r.added.map((m) => m.name).sort()).toEqual(["DeepSeek-V3", "GPT-4"]);
    expect(r.models.filter((m) => m.name === "Qwen2-72B")).toHaveLength(1);
  });

  it("merging the same file twice changes nothing the second time", () => {
    const once = mergeEpoch(base, parse("eci-newer.csv"));
    const twice = mergeEpoch(once.models, parse("eci-newer.csv"));
    expect(twice.added).toHaveLength(0);
    expect(twice.revised).toHaveLength(0);
  });
});
