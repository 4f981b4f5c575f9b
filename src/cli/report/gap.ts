import { measureGap, restrictedLeftOut } from "../../engine/gap/lag.js";
import { modelObservations } from "../../engine/gap/observations.js";
import { loadDataset } from "../../store/datasets.js";
import { fmt } from "../format.js";
import { translator } from "../lang.js";
import type { ReportSectionFn } from "./section.js";

/** Current measured ECI gap, all models and open-weight models only, on the report date. */
export const gapSection: ReportSectionFn = async (ctx) => {
  const lang = ctx.lang ?? "en";
  const tr = translator(lang);
  const data = loadDataset({ db: ctx.db, env: ctx.io.env, cwd: ctx.io.cwd });
  const obs = modelObservations(data.models, "eci");
  // Measure at the report date, but never past the newest release in the data: after it, both frontiers are frozen
  // and the lag would grow by one day per day for no observed reason.
  const newest = obs.reduce((m, o) => (o.date > m ? o.date : m), "");
  const at = newest && newest < ctx.date ? newest : ctx.date;
  const rows = [
    { key: "overall", label: "all models", openWeightsOnly: false },
    { key: "openWeights", label: "open-weight models", openWeightsOnly: true },
  ].map((r) => {
    const p = measureGap(obs, {
      openWeightsOnly: r.openWeightsOnly,
      from: at,
      to: at,
      at: [at],
    }).points[0]!;
    return { ...r, point: { at: p.at, us: p.us, cn: p.cn, lagMonths: p.lagMonths } };
  });
  const lines = rows.map(({ label, point: p }) =>
    p.lagMonths === null
      ? tr("ECI gap, {label}: not measurable (no US or Chinese model with an ECI score)", {
          label: tr(label),
        })
      : `${tr("ECI gap, {label}: {months} months", { label: tr(label), months: fmt(p.lagMonths, 1, lang) })}${p.lagMonths < 0 ? tr(" (China ahead)") : ""} — ${tr("US {us} {usValue} vs China {cn} {cnValue}", { us: p.us!.model, usValue: fmt(p.us!.value, 1, lang), cn: p.cn!.model, cnValue: fmt(p.cn!.value, 1, lang) })}`,
  );
  // The headline policy leaves restricted rows out; say which ones, released by the measurement date.
  const leftOut = restrictedLeftOut(obs).filter((o) => o.date <= at);
  if (leftOut.length)
    lines.push(
      tr(
        "Left out (not generally available or score not comparable; gap --include-restricted counts them): {list}",
        {
          list: leftOut.map((o) => `${o.name} (${o.bloc}, ${fmt(o.value, 1, lang)})`).join(", "),
        },
      ),
    );
  lines.push(
    tr("Measured on {date}{newest}; source: Epoch Capabilities Index (Epoch AI, CC BY 4.0), {source}", {
      date: at,
      newest: at < ctx.date ? tr(" (newest release in the data)") : "",
      source: data.source,
    }),
  );
  return {
    title: "Observed gap (ECI)",
    heading: tr("Observed gap (ECI)"),
    lines,
    json: {
      date: at,
      dataset: data.version,
      overall: rows[0]!.point,
      openWeights: rows[1]!.point,
      leftOut: leftOut.map((o) => ({
        name: o.name,
        bloc: o.bloc,
        date: o.date,
        value: o.value,
        reason: o.reason,
      })),
    },
  };
};
