import { type FormEvent, useEffect, useState } from "react";
import type { Chip } from "../../../src/engine/chips/types.js";
import { formatDate, formatValue } from "../../../src/engine/format/number.js";
import { errorText, postJson } from "../api.js";
import { oneLineReason, statusLabel, statusOf } from "../chips-regime.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { chipName, LANG, t, vendorName } from "../i18n.js";
import type { ClassifyResult } from "../rules-data.js";

type SpecField =
  | "fp64Tflops"
  | "tf32Tflops"
  | "fp16Tflops"
  | "fp8Tflops"
  | "int8Tops"
  | "fp4Tflops"
  | "tpp"
  | "dieAreaMm2"
  | "memoryBandwidthGBps"
  | "ioBandwidthGBps";

/** Dense (not sparse) figures, as the rules read them; TPP may be given directly instead. */
const SPEC_FIELDS: { key: SpecField; label: string }[] = [
  { key: "fp64Tflops", label: "Dense FP64 TFLOPS" },
  { key: "tf32Tflops", label: "Dense TF32 TFLOPS" },
  { key: "fp16Tflops", label: "Dense FP16 TFLOPS" },
  { key: "fp8Tflops", label: "Dense FP8 TFLOPS" },
  { key: "int8Tops", label: "Dense INT8 TOPS" },
  { key: "fp4Tflops", label: "Dense FP4 TFLOPS" },
  { key: "tpp", label: "TPP (if known directly)" },
  { key: "dieAreaMm2", label: "Die area (mm²)" },
  { key: "memoryBandwidthGBps", label: "Memory bandwidth (GB/s)" },
  { key: "ioBandwidthGBps", label: "I/O bandwidth (GB/s)" },
];

const EMPTY = Object.fromEntries(SPEC_FIELDS.map((f) => [f.key, ""])) as Record<SpecField, string>;

/** Checks the typed specs; returns the body's specs or the first problem, naming the field and the value. */
export function readSpecs(
  specs: Record<SpecField, string>,
  datacenter: boolean,
): { ok: true; specs: Record<string, number | boolean> } | { ok: false; error: string } {
  const out: Record<string, number | boolean> = { datacenter };
  let perf = false;
  for (const f of SPEC_FIELDS) {
    const raw = specs[f.key].trim();
    if (raw === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n))
      return {
        ok: false,
        error: t('{field}: "{value}" is not a number.', { field: t(f.label), value: raw }),
      };
    if (n < 0 || (f.key === "dieAreaMm2" && n === 0))
      return {
        ok: false,
        error: t("{field}: {value} must be {bound}.", {
          field: t(f.label),
          value: raw,
          bound: f.key === "dieAreaMm2" ? "> 0" : "≥ 0",
        }),
      };
    out[f.key] = n;
    if (f.key !== "dieAreaMm2" && f.key !== "memoryBandwidthGBps" && f.key !== "ioBandwidthGBps" && n > 0)
      perf = true;
  }
  if (!perf)
    return {
      ok: false,
      error: t(
        "Give at least one dense performance figure (FP64 … FP4, INT8) or the TPP: without it no test can be decided.",
      ),
    };
  return { ok: true, specs: out };
}

/** The classifier: a catalogue chip or dense specs, for the page's date, destination and buyer. */
export function ClassifierForm({
  chips,
  context,
  chip,
  setChip,
}: {
  chips: Chip[];
  context: { date: string; destination: string; buyerHq: string };
  chip: string;
  setChip: (id: string) => void;
}) {
  const [mode, setMode] = useState<"chip" | "specs">("chip");
  const [specs, setSpecs] = useState<Record<SpecField, string>>(EMPTY);
  const [specDc, setSpecDc] = useState(true);
  // The shipment (the rule engine's transaction, screening and is-informed layers): ships from, buyer's name,
  // whether BIS informed the exporter. Empty means the engine's default (from the US; no name; unknown).
  const [shipFrom, setShipFrom] = useState("");
  const [buyer, setBuyer] = useState("");
  const [informed, setInformed] = useState<"" | "yes" | "no">("");
  const shipment = {
    ...(/^[A-Za-z]{2}$/.test(shipFrom) ? { shipFrom: shipFrom.toUpperCase() } : {}),
    ...(buyer.trim() ? { buyer: buyer.trim() } : {}),
    ...(informed ? { informed: informed === "yes" } : {}),
  };
  const [busy, setBusy] = useState(false);
  const [res, setRes] = useState<{ key: string; r: ClassifyResult } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  // The question a result answers; a result for another question is never shown (no stale answer after edits).
  const key = JSON.stringify([mode, mode === "chip" ? chip : specs, specDc, context, shipment]);

  // A catalogue chip is classified as soon as it or the context changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for chip, mode and context
  useEffect(() => {
    if (mode !== "chip") return;
    let live = true;
    setErr(null);
    postJson<ClassifyResult>("classify", { chip, ...context, ...shipment }).then(
      (r) => live && setRes({ key, r }),
      (x) => live && setErr(errorText(x)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === "chip") return;
    const read = readSpecs(specs, specDc);
    if (!read.ok) {
      setErr(read.error);
      setRes(null);
      return;
    }
    setBusy(true);
    setErr(null);
    try {
      setRes({
        key,
        r: await postJson<ClassifyResult>("classify", { specs: read.specs, ...context, ...shipment }),
      });
    } catch (x) {
      setRes(null);
      setErr(errorText(x));
    } finally {
      setBusy(false);
    }
  };
  const shown = res && res.key === key ? res.r : null;

  return (
    <div className="panel" data-testid="classifier">
      <h3>{t("Classify one chip")}</h3>
      <p className="muted">
        {t("For {date}, destination {dest}, buyer headquartered in {hq} (set above).", {
          date: formatDate(context.date, LANG),
          dest: context.destination,
          hq: context.buyerHq,
        })}
      </p>
      <form onSubmit={submit} className="controls" aria-label={t("Classifier")} noValidate>
        <label>
          {t("Input")}
          <select value={mode} onChange={(e) => setMode(e.target.value as "chip" | "specs")} name="mode">
            <option value="chip">{t("catalogue chip")}</option>
            <option value="specs">{t("specifications")}</option>
          </select>
        </label>
        <label>
          {t("Ships from (ISO2)")}
          <input
            type="text"
            name="ship-from"
            value={shipFrom}
            placeholder="US"
            maxLength={2}
            size={3}
            onChange={(e) => setShipFrom(e.target.value)}
          />
        </label>
        <label>
          {t("Buyer's name (screened against the Entity List)")}
          <input
            type="text"
            name="buyer"
            value={buyer}
            maxLength={300}
            onChange={(e) => setBuyer(e.target.value)}
          />
        </label>
        <label>
          {t("Is-informed letter from BIS")}
          <select
            name="informed"
            value={informed}
            onChange={(e) => setInformed(e.target.value as "" | "yes" | "no")}
          >
            <option value="">{t("unknown")}</option>
            <option value="yes">{t("yes")}</option>
            <option value="no">{t("no")}</option>
          </select>
        </label>
        {mode === "chip" ? (
          <label>
            {t("Chip")}
            <select name="chip" value={chip} onChange={(e) => setChip(e.target.value)}>
              {chips.map((c) => (
                <option key={c.id} value={c.id}>
                  {vendorName(c.vendor)} {chipName(c.name)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            {SPEC_FIELDS.map((f) => (
              <label key={f.key}>
                {t(f.label)}
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
              {t("datacenter chip")}
            </label>
            <button type="submit" className="action primary" disabled={busy}>
              {busy ? t("Classifying…") : t("Classify")}
            </button>
          </>
        )}
      </form>
      {err && (
        <p className="error" role="alert">
          {err}
        </p>
      )}
      {shown && <ClassifyView r={shown} />}
    </div>
  );
}

function ClassifyView({ r }: { r: ClassifyResult }) {
  const status = statusOf(r);
  return (
    <div data-testid="classify-result" aria-live="polite">
      <p className="answer">
        <span className={`badge status-${status}`} data-testid="licence">
          {statusLabel(status, LANG)}
        </span>{" "}
        <span data-testid="reason">{oneLineReason(r, LANG)}</span>
      </p>
      <p className="muted" data-testid="classification">
        {t("ECCN classification: {cls}", { cls: r.classification })}
        {r.exceptions && r.exceptions.length > 0 && (
          <> · {t("licence exceptions: {list}", { list: r.exceptions.join(", ") })}</>
        )}
        {" · "}
        {t("rules on this date: {list}", {
          list: (r.rules ?? []).map((x) => `${x.id} (${t(x.status ?? "")})`).join(", ") || "—",
        })}
      </p>
      <details>
        <summary>{t("Every test applied, with its paragraph and citation")}</summary>
        <DataTable
          id="classify-reasons"
          rows={r.reasons ?? []}
          columns={[
            { key: "rule", label: t("Rule"), value: (x) => x.ruleId },
            { key: "paragraph", label: t("Paragraph"), value: (x) => x.paragraph },
            { key: "test", label: t("Test"), value: (x) => x.test },
            { key: "values", label: t("Values"), value: (x) => formatValue(x.values, LANG) },
            {
              key: "passed",
              label: t("Holds"),
              value: (x) =>
                x.passed === null || x.passed === undefined
                  ? t("input missing")
                  : x.passed
                    ? t("yes")
                    : t("no"),
            },
            {
              key: "citation",
              label: t("Citation"),
              value: (x) => x.citation,
              render: (x) => <Sources sources={x.citation ? [x.citation] : []} />,
            },
          ]}
        />
      </details>
    </div>
  );
}
