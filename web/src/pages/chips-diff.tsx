import { useState } from "react";
import { DataTable } from "../charts/data-table.js";
import { t } from "../i18n.js";
import { loadRuleDiff, type RuleInfo } from "../rules-data.js";
import { useLoad } from "../use-api.js";

/** Which catalogue chips change status between two rule versions (GET /rules/diff). */
export function RuleDiff({ rules }: { rules: RuleInfo[] }) {
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  const ra = a || rules[0]?.id || "";
  const rb = b || rules[1]?.id || rules[0]?.id || "";
  const diff = useLoad(async () => (ra && rb ? loadRuleDiff(ra, rb) : []), [ra, rb]);
  return (
    <div>
      <h3>{t("What changed between two rule versions")}</h3>
      <div className="controls">
        <label>
          {t("From")}
          <select name="diff-a" value={ra} onChange={(e) => setA(e.target.value)}>
            {rules.map((r) => (
              <option key={r.id}>{r.id}</option>
            ))}
          </select>
        </label>
        <label>
          {t("To")}
          <select name="diff-b" value={rb} onChange={(e) => setB(e.target.value)}>
            {rules.map((r) => (
              <option key={r.id}>{r.id}</option>
            ))}
          </select>
        </label>
      </div>
      {diff.state === "loading" && <p className="status">{t("Comparing…")}</p>}
      {diff.state === "error" && <p className="error">{diff.message}</p>}
      {diff.state === "ok" &&
        (diff.value.length === 0 ? (
          <p className="muted">
            {t(
              "No catalogue chip changes status between these versions (for a China-headquartered buyer in China).",
            )}
          </p>
        ) : (
          <>
            <p className="answer">
              {t("{n} catalogue chips change status from {a} to {b}.", {
                n: diff.value.length,
                a: ra,
                b: rb,
              })}
            </p>
            <details open={diff.value.length <= 8}>
              <summary>{t("The {n} chips, before and after", { n: diff.value.length })}</summary>
              <DataTable
                id={`rule-diff-${ra}-${rb}`}
                rows={diff.value}
                columns={[
                  { key: "chip", label: t("Chip"), value: (d) => d.name ?? d.chipId },
                  { key: "before", label: ra, value: (d) => d.before },
                  { key: "after", label: rb, value: (d) => d.after },
                ]}
              />
            </details>
          </>
        ))}
    </div>
  );
}
