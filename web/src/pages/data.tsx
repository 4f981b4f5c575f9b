import { useEffect, useRef, useState } from "react";
import { tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { asList, type GroupMember, getJson, listCountryGroups, listModels, type ModelPage } from "../api.js";
import { loadChips, loadRules } from "../rules-data.js";
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
  const chips = useLoad(loadChips, []);
  const rules = useLoad(loadRules, []);
  const datasets = useLoad(async () => asList<DatasetVersion>(await getJson("datasets"), "versions"), []);
  return (
    <section>
      <h2>Curated data and sources</h2>
      <p className="note">
        Every figure comes from a named source: Federal Register rule texts, vendor datasheets, and Epoch AI's
        public datasets. Unknown values are left empty, never guessed. Model and hardware data derived from{" "}
        <a href="https://epoch.ai/data" target="_blank" rel="noreferrer noopener">
          Epoch AI
        </a>{" "}
        are used under{" "}
        <a href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noreferrer noopener">
          CC BY 4.0
        </a>
        .
      </p>
      <h3>Rule versions</h3>
      {rules.state === "error" ? (
        <p className="error">{rules.message}</p>
      ) : (
        <DataTable
          id="rules"
          rows={rules.state === "ok" ? rules.value : []}
          columns={[
            { key: "id", label: "Id", value: (r) => r.id },
            { key: "title", label: "Title", value: (r) => r.title },
            { key: "citation", label: "Citation", value: (r) => r.citation },
            { key: "published", label: "Published", value: (r) => r.published },
            { key: "effective", label: "Effective", value: (r) => r.effective },
            {
              key: "status",
              label: "Status",
              value: (r) => (typeof r.status === "string" ? r.status : JSON.stringify(r.status ?? "")),
            },
          ]}
        />
      )}
      <h3>Chip catalogue</h3>
      {chips.state === "error" ? (
        <p className="error">{chips.message}</p>
      ) : (
        <DataTable
          id="chips"
          rows={chips.state === "ok" ? chips.value : []}
          columns={[
            { key: "name", label: "Chip", value: (c) => c.name },
            { key: "vendor", label: "Vendor", value: (c) => c.vendor },
            { key: "release_date", label: "Release", value: (c) => c.releaseDate },
            { key: "tpp", label: "TPP", value: (c) => totalPerf(c).tpp, numeric: true },
            { key: "die_area_mm2", label: "Die mm²", value: (c) => c.dieAreaMm2, numeric: true },
            { key: "memory_bw_gbps", label: "Mem GB/s", value: (c) => c.memoryBandwidthGBps, numeric: true },
            { key: "io_bw_gbps", label: "I/O GB/s", value: (c) => c.ioBandwidthGBps, numeric: true },
            { key: "datacenter", label: "DC", value: (c) => c.datacenter },
            {
              key: "sources",
              label: "Sources",
              value: (c) => c.sources.join(" | "),
              render: (c) => <Sources sources={c.sources} />,
            },
          ]}
        />
      )}
      <h3>Model dataset versions</h3>
      {datasets.state === "error" ? (
        <p className="error">{datasets.message}</p>
      ) : (
        <DataTable
          id="datasets"
          rows={datasets.state === "ok" ? datasets.value : []}
          columns={[
            { key: "version", label: "Version", value: (d) => d.version, numeric: true },
            { key: "kind", label: "Kind", value: (d) => d.kind },
            { key: "label", label: "Contents", value: (d) => d.label },
            { key: "models", label: "Models", value: (d) => d.summary?.models, numeric: true },
            { key: "arena", label: "Arena rows", value: (d) => d.summary?.arena, numeric: true },
            { key: "created", label: "Loaded", value: (d) => d.createdAt },
            { key: "hash", label: "Content hash", value: (d) => d.contentHash?.slice(0, 12) },
          ]}
        />
      )}
      <ModelsTable />
      <CountryGroupsTable />
      <p className="note">
        The Gap page measures the latest version; <code>chokepoint data import-epoch</code> adds newer Epoch
        downloads as new versions without touching the curated files. The models behind every frontier step
        are listed on the Gap page.
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
      <h3 id="models">Models{data ? ` (dataset version ${data.dataset.version})` : ""}</h3>
      <fieldset className="controls plain" aria-label="Model filters">
        <label>
          Bloc
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
                {b === "" ? "all" : b}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name or organization
          <input
            type="text"
            name="model-filter"
            value={text}
            maxLength={100}
            placeholder="e.g. DeepSeek"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <span className="muted" data-testid="models-range" aria-live="polite">
          {models.state === "loading" && !data
            ? "loading…"
            : `${first}–${data ? data.offset + data.count : 0} of ${total}`}
        </span>
        <button type="button" className="action" disabled={page === 0} onClick={() => setPage(page - 1)}>
          Previous
        </button>
        <button
          type="button"
          className="action"
          disabled={page + 1 >= pages}
          onClick={() => setPage(page + 1)}
        >
          Next
        </button>
      </fieldset>
      {models.state === "error" && <p className="error">{models.message}</p>}
      <DataTable
        id="models"
        rows={data?.models ?? []}
        caption={data ? `Page ${page + 1} of ${pages}; Export CSV saves the rows shown.` : undefined}
        columns={[
          { key: "name", label: "Model", value: (m) => m.name },
          { key: "organization", label: "Organization", value: (m) => m.organization },
          { key: "bloc", label: "Bloc", value: (m) => m.bloc },
          { key: "release_date", label: "Released", value: (m) => m.releaseDate },
          { key: "accessibility", label: "Access", value: (m) => m.accessibility },
          {
            key: "training_compute_flop",
            label: "Compute FLOP",
            value: (m) => m.trainingComputeFlop,
            render: (m) => (m.trainingComputeFlop === null ? "—" : m.trainingComputeFlop.toExponential(2)),
            numeric: true,
          },
          { key: "compute_method", label: "Compute method", value: (m) => m.computeMethod },
          { key: "compute_confidence", label: "Confidence", value: (m) => m.computeConfidence },
          {
            key: "eci",
            label: "ECI",
            value: (m) => m.eci,
            render: (m) => (m.eci === null ? "—" : m.eci.toFixed(1)),
            numeric: true,
          },
          { key: "arena_elo", label: "Arena Elo", value: (m) => m.arenaElo, numeric: true },
          {
            key: "source",
            label: "Source",
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
  if (m.from) return `${m.code} (from ${m.from})`;
  if (m.to) return `${m.code} (until ${m.to})`;
  return m.code;
}

/** The EAR country groups and AI Diffusion tiers the rule engine reads (data/country-groups.json). */
function CountryGroupsTable() {
  const groups = useLoad(listCountryGroups, []);
  return (
    <>
      <h3 id="country-groups">Country groups</h3>
      {groups.state === "error" ? (
        <p className="error">{groups.message}</p>
      ) : (
        <DataTable
          id="country-groups"
          rows={groups.state === "ok" ? groups.value.groups : []}
          caption={groups.state === "ok" ? `${groups.value.file}, as of ${groups.value.asOf}` : undefined}
          columns={[
            { key: "name", label: "Group", value: (g) => g.name },
            { key: "title", label: "Title", value: (g) => g.title },
            { key: "valid_from", label: "Valid from", value: (g) => g.validFrom },
            {
              key: "members",
              label: "Members",
              value: (g) =>
                [...g.members.map(memberText), ...g.includes.map((i) => `all of ${i}`)].join(", "),
            },
            {
              key: "count",
              label: "Codes",
              value: (g) => new Set(g.resolvedMembers.map((m) => m.code)).size,
              numeric: true,
            },
            {
              key: "source",
              label: "Source",
              value: (g) => g.source,
              render: (g) => <Sources sources={g.source} />,
            },
          ]}
        />
      )}
      {groups.state === "ok" &&
        groups.value.aliases.map((a) => (
          <p key={a.code} className="note">
            {a.code} is treated as {a.treatAs} from {a.from}: {a.note}
          </p>
        ))}
    </>
  );
}
