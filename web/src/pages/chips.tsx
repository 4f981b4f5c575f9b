import * as Plot from "@observablehq/plot";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { pd as perfDensity, tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import type { Chip } from "../../../src/engine/chips/types.js";
import { errorText, postJson } from "../api.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { type Polygon, polygonsMark } from "../charts/polygons.js";
import {
  type ClassifyResult,
  loadChips,
  loadRegions,
  loadRuleDiff,
  loadRules,
  drawable,
  peekRegions,
  pickDefaultRule,
  type Region,
  type RuleInfo,
  ruleOn,
} from "../rules-data.js";
import { useLoad } from "../use-api.js";

interface PlanePoint {
  id: string;
  name: string;
  vendor: string;
  tpp: number;
  pd: number;
  datacenter: boolean | null;
  release: string;
  sources: string;
}

const NO_REGIONS: Region[] = [];

const REGION_FILL: Record<string, string> = {
  "3A090.a": "#f4a6a6",
  "3A090.b": "#f8d49a",
  uncontrolled: "#cfead5",
};

/** Chips: the TPP × performance-density plane with a rule's regions, a classifier form and the rule-diff table. */
export function ChipsPage() {
  // Answers main.tsx fetched while this chunk loaded are used in the first render (peek), so the plane is drawn
  // once, with all its data, rather than empty first and again as each answer lands.
  const chips = useLoad(loadChips, [], loadChips.peek);
  const rules = useLoad(loadRules, [], loadRules.peek);
  const ruleList = rules.state === "ok" ? rules.value : [];
  const [ruleId, setRuleId] = useState("");
  const [datacenter, setDatacenter] = useState(true);
  const [at, setAt] = useState("");
  const activeRule = ruleId || (at ? ruleOn(ruleList, at)?.id : pickDefaultRule(ruleList)?.id) || "";
  const regions = useLoad(
    async () => (activeRule ? loadRegions(activeRule, datacenter) : NO_REGIONS),
    [activeRule, datacenter],
    () => (activeRule ? peekRegions(activeRule, datacenter) : NO_REGIONS),
  );

  const chipList = chips.state === "ok" ? chips.value : null;
  const points = useMemo<PlanePoint[]>(() => {
    if (!chipList) return [];
    const out: PlanePoint[] = [];
    for (const c of chipList) {
      const t = totalPerf(c).tpp;
      const d = perfDensity(t, c.dieAreaMm2);
      if (t === null || d === null || t <= 0) continue;
      out.push({
        id: c.id,
        name: c.name,
        vendor: c.vendor,
        tpp: t,
        pd: d,
        datacenter: c.datacenter,
        release: c.releaseDate ?? "",
        sources: c.sources.join(" | "),
      });
    }
    return out;
  }, [chipList]);

  const regionList: Region[] = regions.state === "ok" ? regions.value : NO_REGIONS;
  // The plane waits until the catalogue and the first rule's regions are in (or have failed), so its first
  // drawing is the whole picture; later rule changes redraw it in place.
  const shown = useRef(false);
  shown.current ||= chips.state !== "loading" && rules.state !== "loading" && regions.state !== "loading";
  // The classifier and the rule diff come a frame after the plane, so the chart is not held up by them.
  const [below, setBelow] = useState(false);
  const planeShown = shown.current;
  useEffect(() => {
    if (!planeShown || below) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setBelow(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [planeShown, below]);
  const planeOptions = useCallback(
    (width: number): Plot.PlotOptions => {
      const xMax = Math.max(40_000, ...points.map((p) => p.tpp * 1.3));
      const yMax = Math.max(40, ...points.map((p) => p.pd * 1.3));
      // Polygons may run to infinity; clip them to the drawn window.
      const polys: Polygon[] = regionList.map((r) => ({
        fill: REGION_FILL[r.kind] ?? "#ddd",
        label: r.kind,
        points: r.polygon.map(([x, y]) => [clamp(x, 100, xMax), clamp(y, 0.1, yMax)] as const),
      }));
      return {
        height: width < 500 ? 360 : 460,
        marginLeft: 50,
        x: { type: "log", label: "Total processing performance (TPP) →", domain: [100, xMax], grid: true },
        y: { type: "log", label: "↑ Performance density (TPP / mm²)", domain: [0.1, yMax], grid: true },
        marks: [
          polygonsMark(polys, 0.6),
          Plot.frame({ stroke: "#999" }),
          Plot.dot(points, {
            x: "tpp",
            y: "pd",
            r: 4,
            fill: (p: PlanePoint) => (p.datacenter === false ? "#fff" : "#333"),
            stroke: "#333",
          }),
          Plot.text(points, {
            x: "tpp",
            y: "pd",
            text: "name",
            dx: 6,
            textAnchor: "start",
            fontSize: 9,
            fill: "#444",
            filter: () => width >= 700,
          }),
          Plot.tip(
            points,
            Plot.pointer({
              x: "tpp",
              y: "pd",
              title: (p: PlanePoint) =>
                `${p.name} (${p.vendor}${p.release ? `, ${p.release}` : ""})\nTPP ${Math.round(p.tpp).toLocaleString("en-US")} · PD ${p.pd.toFixed(2)}${p.datacenter === false ? " · non-datacenter" : ""}\nSources: ${p.sources}`,
            }),
          ),
        ],
      };
    },
    [points, regionList],
  );

  if (chips.state === "error") return <p className="error">Could not load chips: {chips.message}</p>;
  if (rules.state === "error") return <p className="error">Could not load rules: {rules.message}</p>;
  return (
    <section>
      <h2>Which chips may be sold where?</h2>
      <fieldset className="controls plain" aria-label="Rule regions">
        <label>
          Rule version
          <select name="rule" value={activeRule} onChange={(e) => setRuleId(e.target.value)}>
            {ruleList.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} — {r.citation ?? ""}
              </option>
            ))}
          </select>
        </label>
        <label>
          …or the rule on a date
          <input
            type="date"
            name="regions-date"
            value={at}
            onChange={(e) => {
              setAt(e.target.value);
              setRuleId("");
            }}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            name="datacenter"
            checked={datacenter}
            onChange={(e) => setDatacenter(e.target.checked)}
          />
          Datacenter chips (Note 2 regions)
        </label>
        {regions.state === "error" && <span className="error">Regions: {regions.message}</span>}
        {ruleList.length > 0 && activeRule && !drawable(ruleList.find((r) => r.id === activeRule) ?? {}) && (
          <span className="muted">
            {activeRule} has no TPP × density tests of its own (
            {(ruleList.find((r) => r.id === activeRule)?.families ?? []).join(", ")}), so the plane is not
            split by it; pick 2022-10-07 or 2023-10-17, or a date.
          </span>
        )}
      </fieldset>
      {!shown.current ? (
        <p className="status">Loading the chip catalogue and rule regions…</p>
      ) : (
        <PlotFigure
          id={`chip-plane-${activeRule || "none"}`}
          title={`Chips on the TPP × performance-density plane — regions of ${activeRule || "…"}`}
          options={planeOptions}
          rows={() => [
            ...points.map((p) => ({
              series: "chip",
              id: p.id,
              name: p.name,
              vendor: p.vendor,
              tpp: p.tpp,
              pd: p.pd,
              datacenter: p.datacenter,
              sources: p.sources,
            })),
            ...regionList.flatMap((r, k) =>
              r.polygon.map(([x, y], i) => ({ series: `region ${r.kind} #${k}`, vertex: i, tpp: x, pd: y })),
            ),
          ]}
          version={`${activeRule}-${datacenter}-${points.length}-${regionList.length}`}
          caption={
            <>
              Shaded: <span className="badge a">3A090.a</span> <span className="badge b">3A090.b</span>{" "}
              <span className="badge none">not controlled by this rule</span>. Filled dots: datacenter chips;
              hollow: others. Chips without a known die area are not placed (their PD is unknown). Hover a dot
              for its figures and sources.
            </>
          }
        />
      )}
      {below && <ClassifierForm chips={chips.state === "ok" ? chips.value : []} />}
      {below && <RuleDiff rules={ruleList} />}
    </section>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : v > 0 ? hi : lo;
}

function ClassifierForm({ chips }: { chips: Chip[] }) {
  const [mode, setMode] = useState<"chip" | "specs">("chip");
  const [chipId, setChipId] = useState("nvidia-h100-sxm");
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [dest, setDest] = useState("CN");
  const [hq, setHq] = useState("");
  const [specs, setSpecs] = useState<Record<SpecField, string>>({
    fp16Tflops: "",
    fp8Tflops: "",
    int8Tops: "",
    dieAreaMm2: "",
    memoryBandwidthGBps: "",
    ioBandwidthGBps: "",
  });
  const [specDc, setSpecDc] = useState(true);
  const [busy, setBusy] = useState(false);
  const [res, setRes] = useState<ClassifyResult | null>(null);
  const [err, setErr] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErr(null);
    try {
      const context = { date, destination: dest.toUpperCase(), buyerHq: (hq || dest).toUpperCase() };
      const body =
        mode === "chip"
          ? { chip: chipId, ...context }
          : {
              specs: {
                ...Object.fromEntries(SPEC_FIELDS.map((f) => [f.key, num(specs[f.key])])),
                datacenter: specDc,
              },
              ...context,
            };
      setRes(await postJson<ClassifyResult>("classify", body));
    } catch (x) {
      setRes(null);
      setErr(errorText(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel" data-testid="classifier">
      <h3>Classify a chip</h3>
      <form onSubmit={submit} className="controls" aria-label="Classifier">
        <label>
          Input
          <select value={mode} onChange={(e) => setMode(e.target.value as "chip" | "specs")} name="mode">
            <option value="chip">catalogue chip</option>
            <option value="specs">specifications</option>
          </select>
        </label>
        {mode === "chip" ? (
          <label>
            Chip
            <select name="chip" value={chipId} onChange={(e) => setChipId(e.target.value)}>
              {chips.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.vendor} {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            {SPEC_FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <input
                  type="number"
                  name={f.key}
                  min="0"
                  step="any"
                  value={specs[f.key]}
                  onChange={(e) => setSpecs({ ...specs, [f.key]: e.target.value })}
                />
              </label>
            ))}
            <label className="inline">
              <input
                type="checkbox"
                name="spec-datacenter"
                checked={specDc}
                onChange={(e) => setSpecDc(e.target.checked)}
              />
              datacenter
            </label>
          </>
        )}
        <label>
          Date
          <input type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          Destination (ISO2)
          <input
            type="text"
            name="destination"
            value={dest}
            maxLength={2}
            size={3}
            onChange={(e) => setDest(e.target.value)}
            required
          />
        </label>
        <label>
          Buyer HQ (ISO2)
          <input
            type="text"
            name="buyer-hq"
            value={hq}
            placeholder={dest}
            maxLength={2}
            size={3}
            onChange={(e) => setHq(e.target.value)}
          />
        </label>
        <button type="submit" className="action primary" disabled={busy}>
          {busy ? "Classifying…" : "Classify"}
        </button>
      </form>
      {err && (
        <p className="error" role="alert">
          {err}
        </p>
      )}
      {res && <ClassifyView r={res} />}
    </div>
  );
}

type SpecField =
  | "fp16Tflops"
  | "fp8Tflops"
  | "int8Tops"
  | "dieAreaMm2"
  | "memoryBandwidthGBps"
  | "ioBandwidthGBps";
const SPEC_FIELDS: { key: SpecField; label: string }[] = [
  { key: "fp16Tflops", label: "Dense FP16 TFLOPS" },
  { key: "fp8Tflops", label: "Dense FP8 TFLOPS" },
  { key: "int8Tops", label: "Dense INT8 TOPS" },
  { key: "dieAreaMm2", label: "Die area mm²" },
  { key: "memoryBandwidthGBps", label: "Memory GB/s" },
  { key: "ioBandwidthGBps", label: "I/O GB/s" },
];

function num(s: string): number | null {
  return s.trim() === "" ? null : Number(s);
}

function badgeClass(c: string): string {
  return c === "3A090.a" ? "a" : c === "3A090.b" ? "b" : c === "3A090.c" ? "c" : "none";
}

function ClassifyView({ r }: { r: ClassifyResult }) {
  const licence =
    r.licenseRequired === null
      ? "indeterminate"
      : r.licenseRequired
        ? "licence required"
        : "no licence required";
  return (
    <div data-testid="classify-result" aria-live="polite">
      <p>
        <span className={`badge ${badgeClass(r.classification)}`} data-testid="classification">
          {r.classification}
        </span>{" "}
        <strong>{licence}</strong>
        {r.reviewPolicy && <> · review policy: {r.reviewPolicy}</>}
        {r.exceptions && r.exceptions.length > 0 && <> · licence exceptions: {r.exceptions.join(", ")}</>}
        <span className="muted">
          {" "}
          — {r.date}, to {r.destination}, buyer HQ {r.buyerHq}; rules in force:{" "}
          {(r.rules ?? []).map((x) => x.id).join(", ") || "none"}
        </span>
      </p>
      <DataTable
        id="classify-reasons"
        rows={r.reasons ?? []}
        columns={[
          { key: "rule", label: "Rule", value: (x) => x.ruleId },
          { key: "paragraph", label: "Paragraph", value: (x) => x.paragraph },
          { key: "test", label: "Test", value: (x) => x.test },
          {
            key: "values",
            label: "Values",
            value: (x) => (typeof x.values === "string" ? x.values : JSON.stringify(x.values)),
          },
          {
            key: "passed",
            label: "Met",
            value: (x) => (x.passed === null || x.passed === undefined ? "n/a" : x.passed ? "yes" : "no"),
          },
          {
            key: "citation",
            label: "Citation",
            value: (x) => x.citation,
            render: (x) => <Sources sources={x.citation ? [x.citation] : []} />,
          },
        ]}
      />
    </div>
  );
}

function RuleDiff({ rules }: { rules: RuleInfo[] }) {
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  const ra = a || rules[0]?.id || "";
  const rb = b || rules[1]?.id || rules[0]?.id || "";
  const diff = useLoad(async () => (ra && rb ? loadRuleDiff(ra, rb) : []), [ra, rb]);
  return (
    <div>
      <h3>What changed between two rule versions</h3>
      <div className="controls">
        <label>
          From
          <select name="diff-a" value={ra} onChange={(e) => setA(e.target.value)}>
            {rules.map((r) => (
              <option key={r.id}>{r.id}</option>
            ))}
          </select>
        </label>
        <label>
          To
          <select name="diff-b" value={rb} onChange={(e) => setB(e.target.value)}>
            {rules.map((r) => (
              <option key={r.id}>{r.id}</option>
            ))}
          </select>
        </label>
      </div>
      {diff.state === "loading" && <p className="status">Comparing…</p>}
      {diff.state === "error" && <p className="error">{diff.message}</p>}
      {diff.state === "ok" &&
        (diff.value.length === 0 ? (
          <p className="muted">
            No catalogue chip changes status between these versions (for a China-headquartered buyer in
            China).
          </p>
        ) : (
          <DataTable
            id={`rule-diff-${ra}-${rb}`}
            rows={diff.value}
            columns={[
              { key: "chip", label: "Chip", value: (d) => d.name ?? d.chipId },
              { key: "before", label: ra, value: (d) => d.before },
              { key: "after", label: rb, value: (d) => d.after },
            ]}
          />
        ))}
    </div>
  );
}
