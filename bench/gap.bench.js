// Gap series: 5,000 synthetic models (US and CN) over 10 years, lag evaluated every day. Target ≤ 200 ms.
import { dayNumber, frontierPair, isoDay, lagSeriesDays, measureGap } from "../dist/engine/gap/index.js";
import { mulberry32 } from "./prng.js";

export default async function bench() {
  const rand = mulberry32(20260401);
  const start = dayNumber("2016-01-01");
  const days = 3653;
  const models = [];
  for (let i = 0; i < 5000; i++) {
    const d = Math.floor(rand() * days);
    const bloc = rand() < 0.6 ? "US" : "CN";
    // Capability drifts up with time, China a little lower, plus noise.
    const value = 100 + d / 40 - (bloc === "CN" ? 5 : 0) + (rand() - 0.5) * 20;
    models.push({
      name: `m${i}`,
      organization: `org${i % 40}`,
      bloc,
      date: isoDay(start + d),
      value,
      openWeights: rand() < 0.4,
    });
  }
  const from = isoDay(start);
  const to = isoDay(start + days - 1);
  const runs = 20;
  let best = Number.POSITIVE_INFINITY;
  let bestCore = Number.POSITIVE_INFINITY;
  let result;
  const c0 = performance.now();
  measureGap(models, { from, to });
  const cold = performance.now() - c0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = measureGap(models, { from, to });
    best = Math.min(best, performance.now() - t0);
    const t1 = performance.now();
    lagSeriesDays(frontierPair(models), start, start + days - 1);
    bestCore = Math.min(bestCore, performance.now() - t1);
  }
  console.log(`  models: 5000, days: ${days} (${from} → ${to}), series points: ${result.series.length}`);
  console.log(
    `  measureGap (frontiers + daily series + summary + JSON-ready points): ${best.toFixed(1)} ms (best of ${runs}; first run ${cold.toFixed(1)} ms; target ≤ 200 ms)`,
  );
  console.log(`  frontierPair + lagSeriesDays (typed arrays only): ${bestCore.toFixed(2)} ms`);
  console.log(
    `  summary: mean ${result.summary.mean.toFixed(2)} months, latest ${result.summary.latest.toFixed(2)} months`,
  );
}
