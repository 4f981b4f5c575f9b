import * as Plot from "@observablehq/plot";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { pd as perfDensity, tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import { formatDate, formatNumber } from "../../../src/engine/format/number.js";
import {
  KEY_CHIPS,
  oneLineReason,
  type PlanePoint,
  placeLabels,
  planeRule,
  regimeSentence,
  STATUS_COLOR,
  STATUS_SYMBOL,
  STATUSES,
  type Status,
  statusLabel,
  statusOf,
  tally,
} from "../chips-regime.js";
import { DataTable } from "../charts/data-table.js";
import { PlotFigure } from "../charts/plot-figure.js";
import { type Polygon, polygonsMark } from "../charts/polygons.js";
import { chipName, LANG, t } from "../i18n.js";
import { LinkIssues } from "../link-issues.js";
import {
  loadChips,
  loadRegime,
  loadRegions,
  loadRules,
  peekRegime,
  peekRegions,
  type Region,
  type RegimeRow,
} from "../rules-data.js";
import { LinkReader, today } from "../url-state.js";
import { useLoad } from "../use-api.js";
import { ClassifierForm } from "./chips-classifier.js";
import { RuleDiff } from "./chips-diff.js";

const NO_REGIONS: Region[] = [];
const NO_ROWS: RegimeRow[] = [];
/** The first US 3A090 rule took effect on 7 October 2022: the slider starts there. */
export const REGIME_START = "2022-10-07";

const REGION_FILL: Record<string, string> = {
  "3A090.a": "#f4b6a6",
  "3A090.b": "#f8dca8",
  uncontrolled: "#e4f1ea",
};

const MARGIN = { left: 56, right: 16, top: 16, bottom: 40 };
const PD_TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];
const TPP_TICKS = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

export interface ChipsState {
  date: string;
  dest: string;
  hq: string;
  datacenter: boolean;
  chip: string;
}

export function chipsState(params: URLSearchParams, chipIds: readonly string[] | null) {
  const r = new LinkReader(params);
  const now = today();
  const dest = r.country("dest", "CN");
  const state: ChipsState = {
    date: r.date("date", REGIME_START, now, now),
    dest,
    hq: r.country("hq", dest),
    datacenter: r.flag("dc", true),
    chip: r.known("chip", chipIds, "nvidia-h20"),
  };
  return { state, issues: r.issues };
}

function toParams(s: ChipsState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.date !== today()) p.set("date", s.date);
  if (s.dest !== "CN") p.set("dest", s.dest);
  if (s.hq !== s.dest) p.set("hq", s.hq);
  if (!s.datacenter) p.set("dc", "0");
  if (s.chip !== "nvidia-h20") p.set("chip", s.chip);
  return p;
}

const DAY = 86_400_000;
const dayIndex = (iso: string) =>
  Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${REGIME_START}T00:00:00Z`)) / DAY);
const dayAt = (i: number) =>
  new Date(Date.parse(`${REGIME_START}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);

/** Chips: the regime on a date — every catalogue chip coloured by its licence status that day — and a classifier. */
export function ChipsPage({
  params,
  setParams,
}: {
  params: URLSearchParams;
  setParams: (p: URLSearchParams) => void;
}) {
  const chips = useLoad(loadChips, [], loadChips.peek);
  const rules = useLoad(loadRules, [], loadRules.peek);
  const chipList = chips.state === "ok" ? chips.value : null;
  const ruleList = rules.state === "ok" ? rules.value : [];
  const { state, issues } = useMemo(
    () => chipsState(params, chipList ? chipList.map((c) => c.id) : null),
    [params, chipList],
  );
  const update = useCallback(
    (patch: Partial<ChipsState>) => setParams(toParams({ ...state, ...patch })),
    [state, setParams],
  );

  // The slider moves the URL at once; the classification request follows once the thumb rests for 120 ms.
  const [asked, setAsked] = useState(state.date);
  // The export context's controls: open on a wide screen, folded to one line on a phone so the plane is on the
  // first screen (the summary line says what is set; the answer above says what it means).
  const [controlsOpen, setControlsOpen] = useState(
    () => typeof window === "undefined" || !window.matchMedia?.(NARROW).matches,
  );
  useEffect(() => {
    if (asked === state.date) return;
    const timer = setTimeout(() => setAsked(state.date), 120);
    return () => clearTimeout(timer);
  }, [state.date, asked]);
  const regime = useLoad(
    () => loadRegime(asked, state.dest, state.hq),
    [asked, state.dest, state.hq],
    () => peekRegime(asked, state.dest, state.hq),
  );
  const rows = regime.state === "ok" ? regime.value : NO_ROWS;
  const first = rows.find((r) => r.ok)?.result;
  const inForce = useMemo(
    () => (first?.rules ?? []).filter((r) => r.status === "in-force").map((r) => r.id),
    [first],
  );
  const listed = first?.rules ?? [];
  const plane = planeRule(ruleList, inForce);
  const regions = useLoad(
    async () => (plane ? loadRegions(plane.id, state.datacenter) : NO_REGIONS),
    [plane?.id ?? "", state.datacenter],
    () => (plane ? peekRegions(plane.id, state.datacenter) : NO_REGIONS),
  );
  const regionList = regions.state === "ok" ? regions.value : NO_REGIONS;
  // The plane waits until the catalogue, the classification of every chip and the regions are in (or have
  // failed), so its first drawing is the whole picture; later changes redraw it in place.
  const shown = useRef(false);
  // useLoad keeps the previous answer while a new key loads, so the regions must be those of the plane's rule (the
  // empty list asked before the regime named the rule would otherwise pass, and the plane would draw twice).
  const regionsCurrent =
    regions.state === "error" ||
    (regions.state === "ok" && (!plane || regions.value === peekRegions(plane.id, state.datacenter)));
  shown.current ||=
    chips.state !== "loading" && rules.state !== "loading" && regime.state !== "loading" && regionsCurrent;

  const points = useMemo<PlanePoint[]>(() => {
    if (!chipList) return [];
    const byId = new Map(rows.filter((r) => r.ok && r.result).map((r) => [r.result!.chip?.id, r.result!]));
    const out: PlanePoint[] = [];
    for (const c of chipList) {
      if (!state.datacenter && c.datacenter !== false) continue;
      if (state.datacenter && c.datacenter === false) continue;
      const tp = totalPerf(c).tpp;
      const d = perfDensity(tp, c.dieAreaMm2);
      if (tp === null || d === null || tp <= 0) continue;
      const res = byId.get(c.id);
      out.push({
        id: c.id,
        name: chipName(c.name),
        vendor: c.vendor,
        tpp: tp,
        pd: d,
        datacenter: c.datacenter,
        release: c.releaseDate ?? "",
        sources: c.sources.join(" | "),
        status: res ? statusOf(res) : "unknown",
        reason: res ? oneLineReason(res, LANG) : "",
        classification: res?.classification ?? "",
      });
    }
    return out;
  }, [chipList, rows, state.datacenter]);
  // Chips the tests of a rule other than the plane's caught (say the 2025 bandwidth trigger): ringed on the plane.
  const caughtElsewhere = useMemo(() => {
    const by = new Map<string, string[]>();
    for (const r of rows) {
      const res = r.result;
      if (!res?.licenseRequired || !res.chip) continue;
      const versions = new Set((res.rules ?? []).filter((v) => v.status === "in-force").map((v) => v.id));
      for (const x of res.reasons ?? [])
        if (
          x.passed &&
          versions.has(x.ruleId) &&
          x.ruleId !== plane?.id &&
          !/scope|headquarters|treatment/i.test(`${x.paragraph} ${x.test}`)
        ) {
          const list = by.get(x.ruleId) ?? [];
          if (!list.includes(res.chip.id)) list.push(res.chip.id);
          by.set(x.ruleId, list);
        }
    }
    return by;
  }, [rows, plane?.id]);
  const ringed = useMemo(() => {
    const ids = new Set<string>();
    for (const r of rows)
      if (r.result?.licenseRequired && r.result.classification === "not-3A090" && r.result.chip)
        ids.add(r.result.chip.id);
    return points.filter((p) => ids.has(p.id));
  }, [rows, points]);

  const counts = tally(points);
  const keyOrder = (list: PlanePoint[]) =>
    [...list].sort((a, b) => rank(a.id) - rank(b.id)).map((p) => p.name);
  // useLoad may hand back the previous context's answer for a render while the new one is asked for: the sentence
  // is written only when the answer is for the context it names (each result carries its date and countries).
  const current =
    regime.state === "ok" &&
    first !== undefined &&
    first.date === asked &&
    first.destination === state.dest &&
    first.buyerHq === state.hq;
  const sentence = current
    ? regimeSentence(
        {
          date: asked,
          destination: state.dest,
          buyerHq: state.hq,
          tally: counts,
          licensed: keyOrder(points.filter((p) => p.status === "denial" || p.status === "case")),
          free: keyOrder(points.filter((p) => p.status === "free")),
          rulesInForce: inForce,
        },
        LANG,
      )
    : null;

  // While a new date's classification loads, the previous answer stays (no flash of a loading line).
  const lastSentence = useRef<string | null>(null);
  if (sentence) lastSentence.current = sentence;
  const planeOptions = useCallback(
    (width: number): Plot.PlotOptions => {
      const xMax = Math.max(40_000, ...points.map((p) => p.tpp * 1.4));
      const yMax = Math.max(40, ...points.map((p) => p.pd * 1.4));
      const height = width < 500 ? 380 : 480;
      const polys: Polygon[] = regionList.map((r) => ({
        fill: REGION_FILL[r.kind] ?? "#ddd",
        label: r.kind,
        points: r.polygon.map(([x, y]) => [clamp(x, 100, xMax), clamp(y, 0.1, yMax)] as const),
      }));
      // Pixel positions through the same log scales Plot uses, for label placement.
      const px = (v: number) =>
        MARGIN.left +
        ((Math.log(v) - Math.log(100)) / (Math.log(xMax) - Math.log(100))) *
          (width - MARGIN.left - MARGIN.right);
      const py = (v: number) =>
        height -
        MARGIN.bottom -
        ((Math.log(v) - Math.log(0.1)) / (Math.log(yMax) - Math.log(0.1))) *
          (height - MARGIN.top - MARGIN.bottom);
      const ordered = [...points].sort((a, b) => rank(a.id) - rank(b.id));
      const wanted =
        width < 500 ? ordered.filter((p) => rank(p.id) < 8) : ordered.filter((p) => rank(p.id) < 99);
      const placed = placeLabels(
        wanted.map((p) => ({ id: p.id, x: px(p.tpp), y: py(p.pd), text: shortName(p.name) })),
        points.map((p) => ({ x: px(p.tpp), y: py(p.pd) })),
        { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom },
      );
      const labelMarks = (["start", "end"] as const).flatMap((anchor) =>
        [-11, 0, 11].map((dy) => {
          const group = placed.filter((l) => l.anchor === anchor && l.dy === dy);
          const dx = group[0]?.dx ?? 0;
          return Plot.text(group, {
            x: (l: (typeof placed)[number]) => points.find((p) => p.id === l.id)!.tpp,
            y: (l: (typeof placed)[number]) => points.find((p) => p.id === l.id)!.pd,
            text: "text",
            dx,
            dy,
            textAnchor: anchor,
            fontSize: 10.5,
            fill: "#1b1f24",
            stroke: "white",
            strokeWidth: 3,
            paintOrder: "stroke",
          });
        }),
      );
      return {
        width,
        height,
        marginLeft: MARGIN.left,
        marginRight: MARGIN.right,
        marginTop: MARGIN.top,
        marginBottom: MARGIN.bottom,
        x: { type: "log", domain: [100, xMax], axis: null },
        y: { type: "log", domain: [0.1, yMax], axis: null },
        symbol: { domain: STATUSES as Status[], range: STATUSES.map((s) => STATUS_SYMBOL[s]) },
        marks: [
          polygonsMark(polys, 0.55),
          // Explicit ticks, every one labelled in plain numbers (0.1, 0.2, 0.5 — not Plot's SI "100m").
          Plot.gridX(
            TPP_TICKS.filter((v) => v <= xMax),
            { stroke: "#000", strokeOpacity: 0.08 },
          ),
          Plot.gridY(
            PD_TICKS.filter((v) => v <= yMax),
            { stroke: "#000", strokeOpacity: 0.08 },
          ),
          Plot.axisX(
            TPP_TICKS.filter((v) => v <= xMax),
            {
              tickFormat: (v: number) => formatNumber(v, { lang: LANG }),
              label: t("Total processing performance (TPP) →"),
              labelAnchor: "right",
            },
          ),
          Plot.axisY(
            PD_TICKS.filter((v) => v <= yMax),
            {
              tickFormat: (v: number) => formatNumber(v, { lang: LANG }),
              label: t("↑ Performance density (TPP per mm² of die)"),
              labelAnchor: "top",
            },
          ),
          Plot.dot(ringed, {
            x: "tpp",
            y: "pd",
            r: 9,
            stroke: "#1b1f24",
            strokeWidth: 1.2,
            fill: "none",
            className: "ringed",
            ariaHidden: "true",
          }),
          Plot.dot(points, {
            x: "tpp",
            y: "pd",
            r: 5,
            symbol: "status",
            fill: (p: PlanePoint) => STATUS_COLOR[p.status],
            stroke: "#1b1f24",
            strokeWidth: 0.7,
            className: "chip-dots",
          }),
          ...labelMarks,
          Plot.tip(
            points,
            Plot.pointer({
              x: "tpp",
              y: "pd",
              title: (p: PlanePoint) =>
                `${p.name} (${p.vendor}${p.release ? `, ${p.release}` : ""})\nTPP ${formatNumber(p.tpp, { lang: LANG })} · PD ${formatNumber(p.pd, { lang: LANG })}\n${p.reason}`,
            }),
          ),
        ],
      };
    },
    [points, regionList, ringed],
  );

  if (chips.state === "error")
    return <p className="error">{t("Could not load chips: {m}", { m: chips.message })}</p>;
  if (rules.state === "error")
    return <p className="error">{t("Could not load rules: {m}", { m: rules.message })}</p>;
  const now = today();
  const ruleDates = ruleList.map((r) => r.effective).filter((d): d is string => !!d && d >= REGIME_START);
  return (
    <section className="chips-page">
      <h2>{t("Which chips need a licence, and why?")}</h2>
      <LinkIssues issues={issues} />
      <p className="answer" data-testid="chips-answer" aria-live="polite">
        {sentence ??
          lastSentence.current ??
          (regime.state === "error" ? "" : t("Classifying every catalogue chip…"))}
      </p>
      {regime.state === "error" && <p className="error">{regime.message}</p>}
      <details
        className="chips-context"
        data-testid="chips-context"
        open={controlsOpen}
        onToggle={(e) => setControlsOpen(e.currentTarget.open)}
      >
        <summary>
          {t("Date, destination and buyer: {date} · to {dest} · buyer HQ {hq}", {
            date: formatDate(state.date, LANG),
            dest: state.dest,
            hq: state.hq,
          })}
        </summary>
        <fieldset className="controls plain" aria-label={t("Export context")}>
          <label className="slider-wide">
            {t("Date")}: <strong>{formatDate(state.date, LANG)}</strong>
            <input
              type="range"
              name="regime-day"
              min={0}
              max={dayIndex(now)}
              step={1}
              value={dayIndex(state.date)}
              list="rule-dates"
              aria-valuetext={formatDate(state.date, LANG)}
              onChange={(e) => update({ date: dayAt(Number(e.target.value)) })}
            />
            <datalist id="rule-dates">
              {ruleDates.map((d) => (
                <option key={d} value={dayIndex(d)} />
              ))}
            </datalist>
          </label>
          <label>
            {t("…or type a date")}
            <input
              type="date"
              name="regime-date"
              min={REGIME_START}
              max={now}
              value={state.date}
              onChange={(e) => e.target.value && update({ date: e.target.value })}
            />
          </label>
          <CountryInput
            label={t("Destination")}
            name="dest"
            value={state.dest}
            onChange={(v) => update({ dest: v, hq: state.hq === state.dest ? v : state.hq })}
          />
          <CountryInput
            label={t("Buyer headquarters")}
            name="hq"
            value={state.hq}
            onChange={(v) => update({ hq: v })}
          />
          <label className="inline">
            <input
              type="checkbox"
              name="datacenter"
              checked={state.datacenter}
              onChange={(e) => update({ datacenter: e.target.checked })}
            />
            {t("Datacenter chips (uncheck for gaming and other non-datacenter chips)")}
          </label>
        </fieldset>
      </details>
      <ul className="legend" aria-label={t("Legend")}>
        {STATUSES.map((s) => (
          <li key={s}>
            <svg width="14" height="14" aria-hidden="true">
              <rect
                x="2"
                y="2"
                width="10"
                height="10"
                fill={STATUS_COLOR[s]}
                stroke="#1b1f24"
                strokeWidth="0.7"
              />
            </svg>{" "}
            {statusLabel(s, LANG)} ({counts.byStatus[s]})
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5.5" fill="none" stroke="#1b1f24" />
          </svg>{" "}
          {t(
            "ringed: licence required by a test other than the TPP × density regions (e.g. the bandwidth trigger)",
          )}
        </li>
      </ul>
      {!shown.current ? (
        <p className="status">{t("Classifying every catalogue chip…")}</p>
      ) : (
        <PlotFigure
          id={`chip-regime-${asked}-${state.dest}-${state.hq}`}
          title={t("Licence status of every catalogue chip on {date}, to {dest}, buyer HQ {hq}", {
            date: formatDate(asked, LANG),
            dest: state.dest,
            hq: state.hq,
          })}
          summary={sentence ?? ""}
          settings={`date=${asked} destination=${state.dest} buyerHq=${state.hq} datacenter=${state.datacenter}`}
          options={planeOptions}
          rows={() =>
            points.map((p) => ({
              id: p.id,
              name: p.name,
              vendor: p.vendor,
              tpp: p.tpp,
              pd: p.pd,
              status: p.status,
              classification: p.classification,
              reason: p.reason,
              sources: p.sources,
            }))
          }
          version={`${asked}|${state.dest}|${state.hq}|${state.datacenter}|${points.length}|${regionList.length}`}
          caption={
            <>
              {plane
                ? t(
                    "Shaded: the TPP × density regions of {rule} ({cite}), the classification rule in force — red 3A090.a, amber 3A090.b, green outside 3A090.",
                    {
                      rule: plane.id,
                      cite: plane.citation ?? "",
                    },
                  )
                : t("No TPP × density rule is in force on this date.")}{" "}
              {[...caughtElsewhere.entries()].map(([rule, ids]) => (
                <span key={rule}>
                  {t("{rule} requires a licence for {n} of these chips.", { rule, n: ids.length })}{" "}
                </span>
              ))}
              {listed
                .filter((r) => r.status !== "in-force")
                .map((r) => (
                  <span key={r.id}>
                    {t("{rule} is {status} on this date and does not apply.", {
                      rule: r.id,
                      status: t(r.status ?? ""),
                    })}{" "}
                  </span>
                ))}
              {t(
                "Chips without a known die area cannot be placed (their density is unknown). Hover a dot for its figures and reason.",
              )}
            </>
          }
        />
      )}
      <div className="after-plane">
        <details className="text-alt">
          <summary>{t("Table: every chip on the plane with its status and reason")}</summary>
          <DataTable
            id="chip-regime-table"
            rows={points}
            columns={[
              { key: "name", label: t("Chip"), value: (p) => p.name },
              { key: "vendor", label: t("Vendor"), value: (p) => p.vendor },
              { key: "tpp", label: "TPP", value: (p) => p.tpp, numeric: true },
              { key: "pd", label: t("Density"), value: (p) => p.pd, numeric: true },
              { key: "status", label: t("Status"), value: (p) => statusLabel(p.status, LANG) },
              { key: "reason", label: t("Reason"), value: (p) => p.reason },
            ]}
          />
        </details>
        <ClassifierForm
          chips={chipList ?? []}
          context={{ date: state.date, destination: state.dest, buyerHq: state.hq }}
          chip={state.chip}
          setChip={(chip) => update({ chip })}
        />
        <RuleDiff rules={ruleList} />
      </div>
    </section>
  );
}

/** Screens this narrow fold the export context's controls (styles.css lays the page out for them too). */
const NARROW = "(max-width: 600px)";

function rank(id: string): number {
  const i = KEY_CHIPS.indexOf(id);
  return i < 0 ? 99 : i;
}

/** Labels drop the memory size and form factor ("H100 SXM5 80GB" → "H100 SXM5"), the tooltip keeps them. */
function shortName(name: string): string {
  return name.replace(/\s+\d+\s?GB\b.*$/i, "").replace(/^(Tesla|GeForce|HGX|Instinct)\s+/, "");
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : v > 0 ? hi : lo;
}

/** A two-letter country code field that reports a bad code instead of sending it. */
function CountryInput({
  label,
  name,
  value,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const [text, setText] = useState(value);
  const last = useRef(value);
  if (last.current !== value) {
    last.current = value;
    if (text.toUpperCase() !== value) setText(value);
  }
  const bad = text.length === 2 && !/^[A-Za-z]{2}$/.test(text);
  return (
    <label>
      {label}
      <input
        type="text"
        name={name}
        value={text}
        maxLength={2}
        size={3}
        aria-invalid={bad}
        autoCapitalize="characters"
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          if (/^[A-Za-z]{2}$/.test(v)) onChange(v.toUpperCase());
        }}
      />
    </label>
  );
}
