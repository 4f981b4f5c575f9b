/** The Scenarios page controls: a parameter slider and event labels. */
import { type Dist, quantile } from "../../../src/engine/sim/distributions.js";
import type { ParamName } from "../../../src/engine/sim/params.js";
import { fmt } from "../charts/fan.js";
import { MULT_STEPS, multFromStep, stepFromMult } from "../worker/controls.js";

/** The median of a parameter's distribution, from the engine's own quantile function. */
export function medianOf(d: Dist | undefined): number | null {
  return d ? quantile(d, 0.5) : null;
}

export function Slider({
  name,
  label,
  mult,
  median,
  onChange,
}: {
  name: ParamName;
  label: string;
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
        {median !== null && <span className="muted"> (median {fmt(median * mult)})</span>}
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

export function describeEvent(ev: { type: string; [k: string]: unknown }): string {
  const when = (ev.date ?? ev.effective ?? ev.from ?? "") as string;
  const what =
    ev.type === "rule"
      ? `rule ${ev.rule}`
      : ev.type === "licence"
        ? `licence ${ev.chip}`
        : `${ev.type} ×${ev.multiplier}`;
  return `${when} ${what}${ev.note ? ` — ${ev.note}` : ""}`;
}
