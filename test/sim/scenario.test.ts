import { describe, expect, it } from "vitest";
import { builtinScenarioNames, loadScenario } from "../../src/data/scenarios.js";
import { PARAM_NAMES } from "../../src/engine/sim/params.js";
import { parseCondition, parseScenario, resolveExtends } from "../../src/engine/sim/scenario.js";
import { historyParams } from "./fixtures.js";

const valid = () => ({ name: "mine", description: "test", params: historyParams() });

function issues(raw: unknown) {
  const r = parseScenario(raw);
  if (r.ok) throw new Error("expected validation to fail");
  return r.issues;
}

describe("scenario validation", () => {
  it("accepts the cited defaults and fills start, horizon, draws and seed", () => {
    const r = parseScenario(valid());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.start, r.value.horizon, r.value.draws, r.value.seed]).toEqual([
      "2022Q3",
      "2030Q4",
      10000,
      1,
    ]);
  });

  it("names the path of a bad distribution field", () => {
    const raw = valid();
    raw.params.smuggleShareOfUnmet = { dist: "lognormal", median: 0.03, p95: 0.01 };
    expect(issues(raw)).toEqual([
      { path: "params.smuggleShareOfUnmet.p95", message: "0.01 (must be > median 0.03)" },
    ]);
  });

  it("names unknown parameters, unknown distributions, missing fields and out-of-domain values", () => {
    const raw = valid();
    raw.params.leakRat = 0.1;
    raw.params.remoteShareOfRow = { dist: "gamma", shape: 2 };
    raw.params.utilisation = { dist: "uniform", min: 0.3 };
    raw.params.usShareExCn = { dist: "uniform", min: 0.5, max: 1.2 };
    const got = issues(raw).map((i) => i.path);
    expect(got).toEqual(
      expect.arrayContaining([
        "params.leakRat",
        "params.remoteShareOfRow.dist",
        "params.utilisation.max",
        "params.usShareExCn.max",
      ]),
    );
  });

  it("reports a missing parameter and points at extends", () => {
    const raw = valid();
    delete raw.params.trainingDays;
    const [i] = issues(raw);
    expect(i!.path).toBe("params.trainingDays");
    expect(i!.message).toMatch(/extends: history/);
  });

  it("rejects piecewise values for parameters read only once, and out-of-order segments", () => {
    const raw = valid();
    raw.params.usInitialStockH100e = { piecewise: [{ from: "2022Q3", dist: "point", value: 1 }] };
    raw.params.smuggleShareOfUnmet = {
      piecewise: [
        { from: "2025Q1", dist: "point", value: 0.1 },
        { from: "2024Q1", dist: "point", value: 0.2 },
      ],
    };
    expect(
      issues(raw)
        .map((i) => i.path)
        .sort(),
    ).toEqual(["params.smuggleShareOfUnmet.piecewise.1.from", "params.usInitialStockH100e.piecewise"]);
  });

  it("validates events with zod: type, dates, citation", () => {
    const raw = { ...valid(), events: [{ type: "enforcement", date: "2027-13-01", multiplier: 0.5 }] };
    const got = issues(raw);
    expect(got.map((i) => i.path)).toEqual(expect.arrayContaining(["events.0.date", "events.0.citation"]));
    const bad = issues({ ...valid(), events: [{ type: "tariff", date: "2027-01-01", citation: "x" }] });
    expect(bad[0]!.path).toBe("events.0.type");
  });

  it("rejects a horizon before the start and malformed conditions", () => {
    expect(issues({ ...valid(), start: "2025Q1", horizon: "2024Q4" })[0]!.path).toBe("horizon");
    expect(issues({ ...valid(), conditions: ["gap < 6"] })[0]!.path).toBe("conditions.0");
    expect(parseCondition("gapMonths@2028Q4<=6")).toEqual({
      text: "gapMonths@2028Q4<=6",
      variable: "gapMonths",
      quarter: "2028Q4",
      op: "<=",
      value: 6,
    });
  });
});

describe("extends", () => {
  const parent = {
    name: "p",
    description: "parent",
    params: { smuggleShareOfUnmet: 0.1, remoteShareOfRow: 0.2 },
    events: [{ id: "a" }, { id: "b" }, {}],
  };
  const lookup = (n: string) =>
    n === "p"
      ? parent
      : n === "loop"
        ? { name: "loop", extends: "loop2" }
        : n === "loop2"
          ? { name: "loop2", extends: "loop" }
          : null;

  it("lets the child override parameters and drop or add events", () => {
    const r = resolveExtends(
      {
        name: "c",
        extends: "p",
        params: { smuggleShareOfUnmet: 0.01 },
        dropEvents: ["a"],
        events: [{ id: "c" }],
      },
      lookup,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.raw.params).toEqual({ smuggleShareOfUnmet: 0.01, remoteShareOfRow: 0.2 });
    expect(r.value.raw.events).toEqual([{ id: "b" }, {}, { id: "c" }]);
    expect(r.value.lineage).toEqual(["c", "p"]);
    const all = resolveExtends({ name: "c", extends: "p", dropEvents: ["*"] }, lookup);
    expect(all.ok && all.value.raw.events).toEqual([]);
  });

  it("reports unknown parents and cycles", () => {
    expect(resolveExtends({ name: "c", extends: "nope" }, lookup)).toEqual({
      ok: false,
      issues: [{ path: "extends", message: '"nope" (no such scenario)' }],
    });
    const cyc = resolveExtends({ name: "loop", extends: "loop2" }, lookup);
    expect(cyc.ok).toBe(false);
  });
});

describe("built-in scenarios", () => {
  const names = builtinScenarioNames();
  it("are the seven of the design", () => {
    expect(names).toEqual(
      [
        "full-enforcement",
        "history",
        "loosen",
        "no-controls",
        "rules-2022-only",
        "status-quo",
        "tighten",
      ].sort(),
    );
  });
  it.each(names)(
    "%s loads, has a description, and every parameter cites a source or states an assumption",
    (n) => {
      const r = loadScenario(n);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.value.description.length).toBeGreaterThan(20);
      for (const p of PARAM_NAMES) {
        const def = r.value.params[p];
        expect(Boolean(def.source || def.assumption), p).toBe(true);
      }
      for (const e of r.value.events) expect(e.citation.length).toBeGreaterThan(3);
    },
  );
  it("no-controls has no events; tighten and full-enforcement add enforcement from 2027", () => {
    const nc = loadScenario("no-controls");
    expect(nc.ok && nc.value.events).toEqual([]);
    const fe = loadScenario("full-enforcement");
    expect(
      fe.ok && fe.value.events.filter((e) => e.type === "enforcement").map((e) => "date" in e && e.date),
    ).toEqual(["2027-01-01"]);
  });
});
