// Time to screen one party name against a 20,000-entry restricted-party list (issue 11 target: ≤ 5 ms per name),
// after the list is indexed once (as `classify` and `screen` do per process). The list is synthetic — Chinese-style
// company names built from a few syllables and trade words, which share far more character pairs than a real
// list does (the harder case).
import { indexParties, screenName } from "../dist/engine/rules/parties.js";
import { mulberry32 as prng } from "./prng.js";

const N = 20_000;

export default async function bench() {
  const rand = prng(11);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const syll = [
    "zhong",
    "hua",
    "xin",
    "tian",
    "guang",
    "ke",
    "ji",
    "dian",
    "long",
    "feng",
    "an",
    "da",
    "shen",
    "hai",
  ];
  const words = [
    "Technology",
    "Electronics",
    "Trading",
    "Industrial",
    "Semiconductor",
    "Logistics",
    "Import Export",
  ];
  const entries = [];
  for (let i = 0; i < N; i++)
    entries.push({
      id: `e${i}`,
      name: `${pick(syll)}${pick(syll)} ${pick(syll)}${pick(syll)} ${pick(words)} Co., Ltd.`,
      aliases: [],
      country: "CN",
      licenceRequirement: "",
      policy: null,
      policyText: "",
      citation: "synthetic",
      effective: null,
      source: "bench",
      notes: "",
    });
  const list = {
    id: "bench",
    title: "synthetic",
    asOf: "2026-11-30",
    source: "bench",
    licensing: "screen-only",
    entries,
  };
  let t = performance.now();
  const index = [indexParties(list)];
  const indexMs = performance.now() - t;
  const queries = [];
  for (let i = 0; i < 200; i++)
    queries.push(`${pick(syll)}${pick(syll)} ${pick(syll)} ${pick(words)} Co Ltd`);
  for (const q of queries.slice(0, 50)) screenName(q, index); // warm-up
  let best = Infinity;
  let hits = 0;
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    hits = 0;
    for (const q of queries) hits += screenName(q, index).hits.length;
    best = Math.min(best, (performance.now() - t) / queries.length);
  }
  console.log(
    `  screening: one name against ${N.toLocaleString("en-US")} entries: ${best.toFixed(2)} ms per name (best of 3 × ${queries.length} names, ${hits} hits) — target ≤ 5 ms ${best <= 5 ? "OK" : "MISSED"}; indexing the list once ${indexMs.toFixed(0)} ms`,
  );
}
