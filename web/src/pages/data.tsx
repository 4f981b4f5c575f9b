import { tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { asList, getJson } from "../api.js";
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
      <p className="note">
        The Gap page measures the latest version; <code>chokepoint data import-epoch</code> adds newer Epoch
        downloads as new versions without touching the curated files. The models behind every frontier step
        are listed on the Gap page.
      </p>
    </section>
  );
}
