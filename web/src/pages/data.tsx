import { useEffect, useRef, useState } from "react";
import { tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { asList, type GroupMember, getJson, listCountryGroups, listModels, type ModelPage } from "../api.js";
import { formatDate, formatNumber } from "../../../src/engine/format/number.js";
import { ruleStatusOn } from "../chips-regime.js";
import { chipName, LANG, t, vendorName } from "../i18n.js";
import { loadChips, loadRules } from "../rules-data.js";
import { today } from "../url-state.js";
import { useLoad } from "../use-api.js";

interface DatasetVersion {
  version: number;
  kind: string;
  label: string;
  contentHash?: string;
  createdAt?: string;
  summary?: { models?: number; arena?: number };
}

/** Data: the curated tables as served by the API, each row with its sources, and the attribution they require. */
export function DataPage() {
  // Already fetched by the entry script on every page: the answer is drawn in the first render.
  const chips = useLoad(loadChips, [], loadChips.peek);
  const rules = useLoad(loadRules, [], loadRules.peek);
  const datasets = useLoad(async () => asList<DatasetVersion>(await getJson("datasets"), "versions"), []);
  return (
    <section>
      <h2>{t("Curated data and sources")}</h2>
      <p className="answer" data-testid="data-answer">
        {chips.state === "ok" && rules.state === "ok"
          ? t(
              "Chokepoint holds {rules} rule versions ({inForce} in force today, the newest effective {newest}), {chips} chips with a source for every figure ({placed} with a known die area), and the model datasets below. Unknown values are left empty, never guessed.",
              {
                rules: rules.value.length,
                inForce: rules.value.filter((r) => ruleStatusOn(r, today()) === "in-force").length,
                newest: formatDate(
                  rules.value.reduce((m, r) => ((r.effective ?? "") > m ? (r.effective ?? "") : m), ""),
                  LANG,
                ),
                chips: chips.value.length,
                placed: chips.value.filter((c) => c.dieAreaMm2 !== null).length,
              },
            )
          : t("Loading the curated tables…")}
      </p>
      <p className="note">
        {t(
          "Sources: Federal Register rule texts, vendor datasheets, Epoch AI's public datasets. Model and hardware data derived from Epoch AI are used under CC BY 4.0:",
        )}{" "}
        <a href="https://epoch.ai/data" target="_blank" rel="noreferrer noopener">
          Epoch AI
        </a>
        {", "}
        <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noreferrer noopener">
          CC BY 4.0
        </a>
        .
      </p>
      <h3>{t("Rule versions")}</h3>
      {rules.state === "error" ? (
        <p className="error">{rules.message}</p>
      ) : (
        <DataTable
          id="rules"
          rows={rules.state === "ok" ? rules.value : []}
          columns={[
            { key: "id", label: t("Id"), value: (r) => r.id },
            { key: "title", label: t("Title"), value: (r) => r.title },
            { key: "citation", label: t("Citation"), value: (r) => r.citation },
            { key: "published", label: t("Published"), value: (r) => r.published },
            { key: "effective", label: t("Effective"), value: (r) => r.effective },
            {
              key: "status",
              label: t("Status"),
              value: (r) => statusText(r.status),
            },
          ]}
        />
      )}
      <h3>{t("Chip catalogue")}</h3>
      {chips.state === "error" ? (
        <p className="error">{chips.message}</p>
      ) : (
        <DataTable
          id="chips"
          rows={chips.state === "ok" ? chips.value : []}
          columns={[
            { key: "name", label: t("Chip"), value: (c) => chipName(c.name) },
            { key: "vendor", label: t("Vendor"), value: (c) => vendorName(c.vendor) },
            { key: "release_date", label: t("Release"), value: (c) => c.releaseDate },
            { key: "tpp", label: t("TPP"), value: (c) => totalPerf(c).tpp, numeric: true },
            { key: "die_area_mm2", label: t("Die mm²"), value: (c) => c.dieAreaMm2, numeric: true },
            {
              key: "memory_bw_gbps",
              label: t("Mem GB/s"),
              value: (c) => c.memoryBandwidthGBps,
              numeric: true,
            },
            { key: "io_bw_gbps", label: t("I/O GB/s"), value: (c) => c.ioBandwidthGBps, numeric: true },
            { key: "datacenter", label: t("DC"), value: (c) => c.datacenter },
            {
              key: "sources",
              label: t("Sources"),
              value: (c) => c.sources.join(" | "),
              render: (c) => <Sources sources={c.sources} />,
            },
          ]}
        />
      )}
      <h3>{t("Model dataset versions")}</h3>
      {datasets.state === "error" ? (
        <p className="error">{datasets.message}</p>
      ) : (
        <DataTable
          id="datasets"
          rows={datasets.state === "ok" ? datasets.value : []}
          columns={[
            { key: "version", label: t("Version"), value: (d) => d.version, numeric: true },
            { key: "kind", label: t("Kind"), value: (d) => d.kind },
            { key: "label", label: t("Contents"), value: (d) => d.label },
            { key: "models", label: t("Models"), value: (d) => d.summary?.models, numeric: true },
            { key: "arena", label: t("Arena rows"), value: (d) => d.summary?.arena, numeric: true },
            { key: "created", label: t("Loaded"), value: (d) => d.createdAt },
            { key: "hash", label: t("Content hash"), value: (d) => d.contentHash?.slice(0, 12) },
          ]}
        />
      )}
      <FreshnessTable />
      <ModelsTable />
      <CountryGroupsTable />
      <p className="note">
        {t(
          "The Gap page measures the latest version; `chokepoint data import-epoch` adds newer Epoch downloads as new versions without touching the curated files. The models behind every frontier step are listed on the Gap page.",
        )}
      </p>
    </section>
  );
}

/** Rows per page of the models table (the API allows up to 1,000). */
const MODELS_PAGE = 50;
const BLOCS = ["", "US", "CN", "joint", "other"] as const;

/** The curated model rows of the latest dataset version, filtered and paged by the API. */
function ModelsTable() {
  const [bloc, setBloc] = useState<string>("");
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(0);
  // Ask the server once typing pauses rather than on every key.
  useEffect(() => {
    const next = text.trim();
    if (next === q) return;
    const t = setTimeout(() => {
      setQ(next);
      setPage(0);
    }, 200);
    return () => clearTimeout(t);
  }, [text, q]);
  const models = useLoad(
    () =>
      listModels({
        bloc: bloc || undefined,
        q: q || undefined,
        limit: MODELS_PAGE,
        offset: page * MODELS_PAGE,
      }),
    [bloc, q, page],
  );
  // Keep showing the last answer while the next one loads, so the table does not flash empty.
  const last = useRef<ModelPage | null>(null);
  if (models.state === "ok") last.current = models.value;
  const data = last.current;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / MODELS_PAGE));
  const first = data && data.count > 0 ? data.offset + 1 : 0;
  return (
    <>
      <h3 id="models">
        {t("Models")}
        {data ? ` (${t("dataset version {v}", { v: data.dataset.version })})` : ""}
      </h3>
      <fieldset className="controls plain" aria-label={t("Model filters")}>
        <label>
          {t("Bloc")}
          <select
            name="bloc"
            value={bloc}
            onChange={(e) => {
              setBloc(e.target.value);
              setPage(0);
            }}
          >
            {BLOCS.map((b) => (
              <option key={b} value={b}>
                {b === "" ? t("all") : b}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("Name or organization")}
          <input
            type="text"
            name="model-filter"
            value={text}
            maxLength={100}
            placeholder={t("e.g. DeepSeek")}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <span className="muted" data-testid="models-range" aria-live="polite">
          {models.state === "loading" && !data
            ? t("loading…")
            : t("{first}–{last} of {total}", { first, last: data ? data.offset + data.count : 0, total })}
        </span>
        <button type="button" className="action" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t("Previous")}
        </button>
        <button
          type="button"
          className="action"
          disabled={page + 1 >= pages}
          onClick={() => setPage(page + 1)}
        >
          {t("Next")}
        </button>
      </fieldset>
      {models.state === "error" && <p className="error">{models.message}</p>}
      <DataTable
        id="models"
        rows={data?.models ?? []}
        caption={
          data
            ? t("Page {page} of {pages}; Export CSV saves the rows shown.", { page: page + 1, pages })
            : undefined
        }
        columns={[
          { key: "name", label: t("Model"), value: (m) => m.name },
          { key: "organization", label: t("Organization"), value: (m) => m.organization },
          { key: "bloc", label: t("Bloc"), value: (m) => m.bloc },
          { key: "release_date", label: t("Released"), value: (m) => m.releaseDate },
          { key: "accessibility", label: t("Access"), value: (m) => m.accessibility },
          {
            key: "training_compute_flop",
            label: t("Compute FLOP"),
            value: (m) => m.trainingComputeFlop,
            render: (m) => formatNumber(m.trainingComputeFlop, { lang: LANG }),
            numeric: true,
          },
          { key: "compute_method", label: t("Compute method"), value: (m) => m.computeMethod },
          { key: "compute_confidence", label: t("Confidence"), value: (m) => m.computeConfidence },
          {
            key: "eci",
            label: t("ECI"),
            value: (m) => m.eci,
            render: (m) => formatNumber(m.eci, { lang: LANG, digits: 4 }),
            numeric: true,
          },
          { key: "arena_elo", label: t("Arena Elo"), value: (m) => m.arenaElo, numeric: true },
          {
            key: "source",
            label: t("Source"),
            value: (m) => m.source,
            render: (m) => <Sources sources={m.source} />,
          },
        ]}
      />
      {data && <p className="note attribution">{data.attribution}</p>}
    </>
  );
}

function memberText(m: GroupMember): string {
  if (m.from && m.to) return `${m.code} (${m.from} – ${m.to})`;
  if (m.from) return `${m.code} (${t("from {d}", { d: m.from })})`;
  if (m.to) return `${m.code} (${t("until {d}", { d: m.to })})`;
  return m.code;
}

/** The EAR country groups and AI Diffusion tiers the rule engine reads (data/country-groups.json). */
function CountryGroupsTable() {
  const groups = useLoad(listCountryGroups, []);
  return (
    <>
      <h3 id="country-groups">{t("Country groups")}</h3>
      {groups.state === "error" ? (
        <p className="error">{groups.message}</p>
      ) : (
        <DataTable
          id="country-groups"
          rows={groups.state === "ok" ? groups.value.groups : []}
          caption={
            groups.state === "ok"
              ? t("{file}, as of {date}", { file: groups.value.file, date: groups.value.asOf })
              : undefined
          }
          columns={[
            { key: "name", label: t("Group"), value: (g) => g.name },
            { key: "title", label: t("Title"), value: (g) => g.title },
            { key: "valid_from", label: t("Valid from"), value: (g) => g.validFrom },
            {
              key: "members",
              label: t("Members"),
              value: (g) =>
                [...g.members.map(memberText), ...g.includes.map((i) => t("all of {g}", { g: i }))].join(
                  ", ",
                ),
            },
            {
              key: "count",
              label: t("Codes"),
              value: (g) => new Set(g.resolvedMembers.map((m) => m.code)).size,
              numeric: true,
            },
            {
              key: "source",
              label: t("Source"),
              value: (g) => g.source,
              render: (g) => <Sources sources={g.source} />,
            },
          ]}
        />
      )}
      {groups.state === "ok" &&
        groups.value.aliases.map((a) => (
          <p key={a.code} className="note">
            {t("{code} is treated as {as} from {from}: {note}", {
              code: a.code,
              as: a.treatAs,
              from: a.from,
              note: a.note,
            })}
          </p>
        ))}
    </>
  );
}

/** A rule's dated status list in words: "in force since 2023-11-17", "not enforced since 2025-05-13 (…)". */
function statusText(status: unknown): string {
  if (typeof status === "string") return t(status);
  if (!Array.isArray(status)) return "—";
  const now = today();
  const list = status as { from: string; status: string }[];
  const current = [...list].reverse().find((e) => e.from <= now);
  const parts = list.map((e) => t("{status} from {date}", { status: t(e.status), date: e.from }));
  return current ? `${t(current.status)} · ${parts.join("; ")}` : parts.join("; ");
}

interface FreshRow {
  file: string;
  newestRow: string | null;
  source: string;
  sourceDate: string | null;
  asOf: string | null;
  ageDays: number | null;
  staleAfterDays: number | null;
  stale: boolean;
}

/** How old each bundled data file is (GET /datasets/freshness): newest dated row, source date, staleness. */
function FreshnessTable() {
  const fresh = useLoad(async () => asList<FreshRow>(await getJson("datasets/freshness"), "files"), []);
  const rows = fresh.state === "ok" ? fresh.value : [];
  const stale = rows.filter((r) => r.stale);
  return (
    <>
      <h3 id="freshness">{t("How current the data is")}</h3>
      {fresh.state === "error" ? (
        <p className="error">{fresh.message}</p>
      ) : (
        <>
          {fresh.state === "ok" && (
            <p className="answer" data-testid="freshness-answer">
              {stale.length === 0
                ? t("All {n} bundled data files are within their stated refresh interval.", {
                    n: rows.length,
                  })
                : t("{k} of {n} bundled data files are older than their stated refresh interval: {list}.", {
                    k: stale.length,
                    n: rows.length,
                    list: stale.map((r) => r.file).join(", "),
                  })}
            </p>
          )}
          <DataTable
            id="freshness"
            caption={t("Data files by age")}
            rows={rows}
            columns={[
              { key: "file", label: t("File"), value: (r) => r.file },
              { key: "newest_row", label: t("Newest dated row"), value: (r) => r.newestRow },
              { key: "as_of", label: t("Source as of"), value: (r) => r.asOf },
              { key: "age_days", label: t("Age (days)"), value: (r) => r.ageDays, numeric: true },
              {
                key: "stale_after",
                label: t("Refresh after (days)"),
                value: (r) => r.staleAfterDays,
                numeric: true,
              },
              { key: "stale", label: t("Stale"), value: (r) => r.stale },
              {
                key: "source",
                label: t("Source"),
                value: (r) => r.source,
                render: (r) => <Sources sources={r.source} />,
              },
            ]}
          />
        </>
      )}
    </>
  );
}
