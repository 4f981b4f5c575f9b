/**
 * The dashboard's pure pieces, tested in Node without a browser: the run scheduler's coalescing, the URL state of
 * the Scenarios page, the slider controls, and the CSV export (checked by the project's own CSV parser).
 */
import { eciFitInput } from "../../src/engine/sim/eci-input.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv.js";
import { type Dist, quantile } from "../../src/engine/sim/distributions.js";
import { toCsvText } from "../../web/src/charts/export.js";
import { formatHash, parseHash } from "../../web/src/route.js";
import {
  DEFAULT_STATE,
  paramsFromState,
  type ScenarioState,
  stateFromParams,
} from "../../web/src/scenario-state.js";
import {
  applyControls,
  eventKey,
  multFromStep,
  scaleDist,
  stepFromMult,
} from "../../web/src/worker/controls.js";
import { RunScheduler, type WorkerLike } from "../../web/src/worker/scheduler.js";
import { buildInputs, loadScenario, loadSimData } from "../../src/data/scenarios.js";
import { isoDay } from "../../src/engine/gap/dates.js";
import { frontierPair } from "../../src/engine/gap/lag.js";
import { modelObservations } from "../../src/engine/gap/observations.js";
import { frontierModels, InputsBuilder } from "../../web/src/worker/sim-inputs.js";

/** A worker stand-in that records what it was sent and lets the test answer when it likes. */
class FakeWorker implements WorkerLike {
  sent: { type: string; id?: number; request?: unknown }[] = [];
  private onMessage: ((e: MessageEvent) => void) | null = null;
  postMessage(m: unknown) {
    this.sent.push(m as FakeWorker["sent"][number]);
  }
  addEventListener(type: "message" | "error", f: (e: never) => void) {
    if (type === "message") this.onMessage = f as (e: MessageEvent) => void;
  }
  terminate() {}
  answer(id: number, result: unknown) {
    this.onMessage?.({ data: { type: "result", id, result, ms: 1 } } as MessageEvent);
  }
  partial(id: number, result: unknown) {
    this.onMessage?.({ data: { type: "partial", id, result, ms: 1 } } as MessageEvent);
  }
  runs() {
    return this.sent.filter((m) => m.type === "run");
  }
}

describe("RunScheduler", () => {
  it("keeps one run in flight and replaces waiting requests with the newest", () => {
    const w = new FakeWorker();
    const s = new RunScheduler<null, number, string>(w);
    const got: [number, string][] = [];
    s.onResult((o) => got.push([o.id, o.result]));
    const a = s.request(1);
    // Three changes during the first run: only the last should ever reach the worker.
    s.request(2);
    s.request(3);
    const d = s.request(4);
    expect(w.runs().map((m) => m.request)).toEqual([1]);
    expect(s.busy).toBe(true);
    w.answer(a, "r1");
    expect(w.runs().map((m) => m.request)).toEqual([1, 4]);
    w.answer(d, "r4");
    expect(got).toEqual([
      [a, "r1"],
      [d, "r4"],
    ]);
    expect(s.busy).toBe(false);
  });

  it("answers a previewed request first with its preview, then runs it in full unless a newer request came", () => {
    const w = new FakeWorker();
    const s = new RunScheduler<null, string, string>(w);
    const got: [string, boolean][] = [];
    s.onResult((o) => got.push([o.result, o.preview]));
    const a = s.request("full-a", "preview-a");
    expect(w.runs().map((m) => m.request)).toEqual(["preview-a"]);
    w.answer(a, "pa");
    expect(w.runs().map((m) => m.request)).toEqual(["preview-a", "full-a"]);
    // During the full run of a the slider moves twice: b is replaced by c before anything of b runs.
    s.request("full-b", "preview-b");
    const c = s.request("full-c", "preview-c");
    w.answer(a, "fa");
    expect(w.runs().map((m) => m.request)).toEqual(["preview-a", "full-a", "preview-c"]);
    expect(s.busy).toBe(true);
    w.answer(c, "pc");
    w.answer(c, "fc");
    expect(w.runs().map((m) => m.request)).toEqual(["preview-a", "full-a", "preview-c", "full-c"]);
    expect(got).toEqual([
      ["pa", true],
      ["fa", false],
      ["pc", true],
      ["fc", false],
    ]);
    expect(s.busy).toBe(false);
  });

  it("passes on the early part of a run without ending it, and ignores parts of runs no longer in flight", () => {
    const w = new FakeWorker();
    const s = new RunScheduler<null, string, string>(w);
    const got: [number, string, boolean][] = [];
    s.onResult((o) => got.push([o.id, o.result, o.partial]));
    const a = s.request("a");
    const b = s.request("b"); // waits for a
    w.partial(a, "a-gap");
    // a is still running: b has not been sent, and the scheduler is busy.
    expect(w.runs().map((m) => m.request)).toEqual(["a"]);
    expect(s.busy).toBe(true);
    w.answer(a, "a-all");
    expect(w.runs().map((m) => m.request)).toEqual(["a", "b"]);
    w.partial(a, "stale"); // a late part of a finished run
    w.partial(b, "b-gap");
    w.answer(b, "b-all");
    expect(got).toEqual([
      [a, "a-gap", true],
      [a, "a-all", false],
      [b, "b-gap", true],
      [b, "b-all", false],
    ]);
    expect(s.busy).toBe(false);
  });

  it("sends a request at once when idle", () => {
    const w = new FakeWorker();
    const s = new RunScheduler<null, string, string>(w);
    const id = s.request("x");
    expect(w.runs()).toEqual([{ type: "run", id, request: "x" }]);
  });
});

describe("hash routes", () => {
  it("round-trips a page and its parameters, sorted so equal states give equal links", () => {
    const r = parseHash("#/scenarios?seed=3&s=tighten&m.smuggleShareOfUnmet=0.5");
    expect(r.page).toBe("scenarios");
    expect(r.params.get("m.smuggleShareOfUnmet")).toBe("0.5");
    expect(formatHash(r)).toBe("#/scenarios?m.smuggleShareOfUnmet=0.5&s=tighten&seed=3");
  });
  it("falls back to the Chips page for unknown or empty hashes", () => {
    expect(parseHash("").page).toBe("chips");
    expect(parseHash("#/nope?x=1").page).toBe("chips");
    expect(formatHash({ page: "gap", params: new URLSearchParams() })).toBe("#/gap");
  });
});

describe("Scenarios page state in the URL", () => {
  it("reproduces the same state from its own parameters", () => {
    const s: ScenarioState = {
      scenario: "tighten",
      compare: ["no-controls", "loosen"],
      draws: 50_000,
      seed: 42,
      controls: {
        mults: { smuggleShareOfUnmet: 2, remoteShareOfRow: 0.5 },
        off: ["rule-2025-04", "licence-h20"],
      },
      tornado: true,
    };
    const back = stateFromParams(paramsFromState(s));
    expect(back).toEqual({ ...s, controls: { ...s.controls, off: ["licence-h20", "rule-2025-04"] } });
  });
  it("defaults are left out of the link", () => {
    expect(paramsFromState(DEFAULT_STATE).toString()).toBe("s=status-quo");
  });
  it("ignores values a hand-edited link could carry", () => {
    const s = stateFromParams(
      new URLSearchParams(
        "s=../etc&draws=123&seed=-4&cmp=a,b,c,BAD&m.smuggleShareOfUnmet=-1&m.notAParam=2&m.remoteShareOfRow=abc",
      ),
    );
    expect(s.scenario).toBe("status-quo");
    expect(s.draws).toBe(10_000);
    expect(s.seed).toBe(20221007);
    expect(s.compare).toEqual(["a", "b"]);
    expect(s.controls.mults).toEqual({});
  });
});

describe("slider controls", () => {
  const dists: Dist[] = [
    { dist: "point", value: 3 },
    { dist: "uniform", min: 0.01, max: 0.2 },
    { dist: "normal", mean: 5, sd: 2 },
    { dist: "lognormal", mu: Math.log(80_000), sigma: 0.6 },
    { dist: "loguniform", min: 1e3, max: 1e5 },
    { dist: "triangular", min: 1, mode: 2, max: 6 },
    { dist: "pert", min: 1, mode: 2.5, max: 4, lambda: 4 },
  ];
  it("scaling a distribution by k scales every quantile by k", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...dists),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (d, k, p) => {
          const want = k * quantile(d, p);
          expect(quantile(scaleDist(d, k), p)).toBeCloseTo(
            want,
            Math.max(0, 6 - Math.ceil(Math.log10(Math.abs(want) + 1))),
          );
        },
      ),
    );
  });
  it("maps slider steps to multipliers ×0.25 … ×1 … ×4 on a log scale, and back", () => {
    expect(multFromStep(0)).toBe(0.25);
    expect(multFromStep(20)).toBe(1);
    expect(multFromStep(40)).toBe(4);
    // Half way between ×1 and ×4 on a log scale is ×2.
    expect(multFromStep(30)).toBe(2);
    for (let s = 0; s <= 40; s++) expect(stepFromMult(multFromStep(s))).toBe(s);
  });
  it("switches events off by key and leaves the scenario it was given unchanged", () => {
    const scenario = {
      name: "t",
      description: "d",
      start: "2022Q3",
      horizon: "2023Q4",
      draws: 10,
      seed: 1,
      params: { smuggleShareOfUnmet: { segments: [{ from: 0, dist: { dist: "point", value: 0.1 } }] } },
      events: [
        { type: "enforcement", id: "enf", date: "2023-01-01", multiplier: 0.5, citation: "x" },
        { type: "remote-access", date: "2023-06-01", multiplier: 0.2, citation: "y" },
      ],
      conditions: [],
      lineage: ["t"],
    } as unknown as Parameters<typeof applyControls>[0];
    expect(scenario.events.map(eventKey)).toEqual(["enf", "remote-access@2023-06-01"]);
    const out = applyControls(scenario, {
      mults: { smuggleShareOfUnmet: 2 },
      off: ["remote-access@2023-06-01"],
    });
    expect(out.events.map(eventKey)).toEqual(["enf"]);
    expect(out.params.smuggleShareOfUnmet.segments[0]!.dist).toEqual({ dist: "point", value: 0.2 });
    expect(scenario.events).toHaveLength(2);
    expect(scenario.params.smuggleShareOfUnmet.segments[0]!.dist).toEqual({ dist: "point", value: 0.1 });
  });
});

describe("CSV export", () => {
  it("writes RFC 4180 that the project's CSV parser reads back to the same values", () => {
    const rows = [
      { series: "status-quo", quarter: "2022Q3", p50: 1.5, note: 'says "hi", then\nleaves' },
      { series: "a,b", quarter: "2022Q4", p50: Number.NaN, extra: true },
    ];
    const text = toCsvText(rows);
    expect(text.split("\r\n")[0]).toBe("series,quarter,p50,note,extra");
    const t = parseCsv(text);
    expect(t.header).toEqual(["series", "quarter", "p50", "note", "extra"]);
    expect(t.rows.map((r) => r.record)).toEqual([
      { series: "status-quo", quarter: "2022Q3", p50: "1.5", note: 'says "hi", then\nleaves', extra: "" },
      { series: "a,b", quarter: "2022Q4", p50: "", note: "", extra: "true" },
    ]);
  });
});

describe("simulator inputs in the worker", () => {
  it("match the CLI's inputs for every built-in scenario, with and without a rule event", () => {
    // The worker's data: the catalogue as the API serves it, the rule files bundled at build time, and the US
    // training-compute frontier steps (as GET /gap?metric=compute lists them) standing in for the model rows.
    const data = loadSimData();
    const us = frontierPair(modelObservations(data.models, "compute")).us;
    const steps = Array.from(us.days, (d, k) => ({
      date: isoDay(d),
      value: us.values[k]!,
      model: us.observations[us.setter[k]!]!.name,
      organization: us.observations[us.setter[k]!]!.organization,
    }));
    // The ECI fit and world output as GET /simulation/fit hands them over (the same functions on the same data).
    const fit = eciFitInput(data.models);
    if (!fit.ok) throw new Error(fit.message);
    const builder = new InputsBuilder(data.chips, frontierModels(steps), {
      eci: fit.value,
      worldOutput: data.worldOutput,
    });
    for (const name of [
      "history",
      "status-quo",
      "no-controls",
      "rules-2022-only",
      "tighten",
      "loosen",
      "full-enforcement",
    ]) {
      const r = loadScenario(name);
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`);
      const s = r.value;
      const cli = buildInputs(s, s.events, data);
      if (!cli.ok) throw new Error(JSON.stringify(cli.issues));
      expect(builder.inputs(s, s.events), name).toEqual(cli.value);
      const withoutFirstRule = s.events.filter((e) => e !== s.events.find((x) => x.type === "rule"));
      const cli2 = buildInputs(s, withoutFirstRule, data);
      if (!cli2.ok) throw new Error(JSON.stringify(cli2.issues));
      expect(builder.inputs(s, withoutFirstRule), `${name} without its first rule`).toEqual(cli2.value);
    }
  });
});
