/** The Scenarios page controls: a parameter slider and event labels. */
import { type Dist, quantile } from "../../../src/engine/sim/distributions.js";
import type { ParamName } from "../../../src/engine/sim/params.js";
import { fmt } from "../charts/fan.js";
import { t } from "../i18n.js";
import { MULT_STEPS, multFromStep, stepFromMult } from "../worker/controls.js";

/** The median of a parameter's distribution, from the engine's own quantile function. */
export function medianOf(d: Dist | undefined): number | null {
  return d ? quantile(d, 0.5) : null;
}

export function Slider({
  name,
  label,
  unit,
  mult,
  median,
  onChange,
}: {
  name: ParamName;
  label: string;
  /** The parameter's unit (from the engine's PARAMS), shown after its median. */
  unit: string;
  mult: number;
  median: number | null;
  onChange: (m: number) => void;
}) {
  const id = `slider-${name}`;
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <output htmlFor={id}>
        ×{mult.toFixed(2)}
        {median !== null && (
          <span className="muted"> ({t("median {value} {unit}", { value: fmt(median * mult), unit })})</span>
        )}
      </output>
      <input
        id={id}
        type="range"
        name={name}
        min={0}
        max={MULT_STEPS}
        step={1}
        value={stepFromMult(mult)}
        aria-valuetext={`×${mult.toFixed(2)}`}
        onChange={(e) => onChange(multFromStep(Number(e.target.value)))}
      />
    </div>
  );
}

/** A scenario event in words: "2025-04-09: rule 2025-04-bandwidth", "2027-01-01: HBM supply ×1.5 (note)". */
export function describeEvent(ev: { type: string; [k: string]: unknown }): string {
  const when = (ev.date ?? ev.effective ?? ev.from ?? "") as string;
  const what =
    ev.type === "rule"
      ? t("rule {id} takes effect", { id: String(ev.rule) })
      : ev.type === "licence"
        ? t("licences granted for {chip}", { chip: String(ev.chip) })
        : t("{what} multiplied by {k}", {
            what: t(EVENT_TYPE[ev.type] ?? ev.type),
            k: String(ev.multiplier),
          });
  return `${when}: ${what}${ev.note ? ` — ${ev.note}` : ""}`;
}

/** Scenario event types (data/scenarios/scenario.schema.json) in words. */
const EVENT_TYPE: Record<string, string> = {
  enforcement: "enforcement against smuggling",
  "remote-access": "China's rented offshore capacity",
  equipment: "chipmaking-equipment capacity",
  hbm: "China's HBM supply",
  demand: "China's demand",
};
