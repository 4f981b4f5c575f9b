/**
 * The ECI fit in the form the simulator samples from (docs/model.md §10), from eci-fit.ts: the US equation
 * ECI = a + b·log10(FLOP) + c·(year − 2023) and China's offset δ + κ·(year − 2023) (the "trend" form, held at its
 * value at the newest Chinese model, tEnd). The catch-up-as-distance form is not used: on these data its slope comes
 * out negative (it measures how much faster Chinese ECI rises with compute, not catch-up; see docs/model.md).
 * Covariances are carried into the draws through their Cholesky factors.
 */
import type { ModelRecord } from "../gap/types.js";
import { type EciFit as EciFitDetail, cholesky, fitEci } from "./eci-fit.js";
import type { EciFit } from "./inputs.js";

export const ECI_T0 = 2023;

export type EciFitResult = { ok: true; value: EciFit; report: EciFitDetail } | { ok: false; message: string };

export function eciFitInput(models: readonly ModelRecord[], opts: { asOf?: string } = {}): EciFitResult {
  let detail: EciFitDetail;
  try {
    detail = fitEci(models, { asOf: opts.asOf, cnModel: "trend", cnSample: "frontier" });
  } catch (err) {
    return { ok: false, message: `the ECI fit failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const { us, cn } = detail;
  if (!cn)
    return {
      ok: false,
      message: `the China offset could not be fitted: ${detail.cnReason ?? "no Chinese models"}`,
    };
  try {
    const usChol = cholesky(us.cov).flat();
    const cnChol = cholesky(cn.cov).flat();
    return {
      ok: true,
      value: {
        us: { mean: [us.a, us.b, us.c], chol: usChol },
        cn: { mean: [cn.delta, cn.kappa], chol: cnChol, tEnd: ECI_T0 + cn.tEnd },
        t0: ECI_T0,
      },
      report: detail,
    };
  } catch (err) {
    return {
      ok: false,
      message: `the ECI fit's covariance is not usable: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
