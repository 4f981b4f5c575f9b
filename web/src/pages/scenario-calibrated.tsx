/**
 * The "Calibrated" option of the Scenarios page: run the scenarios from a posterior calibrated on the data up to
 * the newest observation (POST /calibrate, then GET /posteriors/{id}). The worker keeps the posterior and draws each run's parameters from its particles with the page's
 * seed, so every scenario uses the same particles (common random numbers).
 */
import { useState } from "react";
import { formatNumber } from "../../../src/engine/format/number.js";
import type { PosteriorParticles } from "../../../src/engine/sim/sample.js";
import { errorText, getJson, postJson } from "../api.js";
import { LANG, t } from "../i18n.js";

export interface CalibratedInfo {
  id: string;
  asOf: string;
  ess: number;
  priorDraws: number;
}

interface PosteriorBody {
  id: string;
  meta: { asOf: string; ess: number; priorDraws: number };
  particles: PosteriorParticles;
}

/**
 * Calibrates `history` on the data up to the newest observation (POST /calibrate: content-hashed, so the same data
 * and seed give the same posterior id, saved in the store), then fetches that posterior's particles.
 */
async function currentPosterior(): Promise<PosteriorBody> {
  const { id } = await postJson<{ id: string }>("calibrate", { scenario: "history" });
  return getJson<PosteriorBody>(`posteriors/${id}`);
}

export function CalibratedToggle({
  value,
  onChange,
}: {
  value: CalibratedInfo | null;
  onChange: (next: { info: CalibratedInfo; particles: PosteriorParticles } | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async (on: boolean) => {
    setError(null);
    if (!on) return onChange(null);
    setBusy(true);
    try {
      const p = await currentPosterior();
      onChange({
        info: { id: p.id, asOf: p.meta.asOf, ess: p.meta.ess, priorDraws: p.meta.priorDraws },
        particles: p.particles,
      });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="calibrated">
      <label className="inline">
        <input
          type="checkbox"
          name="calibrated"
          checked={value !== null}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
        />
        {t("Calibrated: draw the parameters from a posterior fitted to the observed data")}
      </label>
      {busy && <span className="muted"> {t("Calibrating on the observed data…")}</span>}
      {error && <p className="error">{t("Could not load a posterior: {m}", { m: error })}</p>}
      {value && (
        <p className="muted" data-testid="calibrated-note">
          {t(
            "Parameters from posterior {id}, calibrated on data up to {asOf} (effective sample size {ess} of {n} prior draws). Out of sample the calibrated model still loses to a constant-gap forecast; see the rolling backtest below.",
            {
              id: value.id.slice(0, 12),
              asOf: value.asOf,
              ess: formatNumber(Math.round(value.ess), { lang: LANG }),
              n: formatNumber(value.priorDraws, { lang: LANG }),
            },
          )}
        </p>
      )}
    </div>
  );
}
