import { tpp as totalPerf } from "../../../src/engine/chips/metrics.js";
import { DataTable, Sources } from "../charts/data-table.js";
import { loadModelData } from "../model-data.js";
import { loadChips, loadRules } from "../rules-data.js";
import { useLoad } from "../use-api.js";

/** Data: the curated tables as served by the API, each row with its sources, and the attribution they require. */
export function DataPage() {
  const chips = useLoad(loadChips, []);
  const rules = useLoad(loadRules, []);
  const models = useLoad(loadModelData, []);
  return (
    <section>
      <h2>Curated data and sources</h2>
      <p className="note">
        Every figure comes from a named source: Federal Register rule texts, vendor datasheets, and Epoch AI's public datasets.
        Unknown values are left empty, never guessed. Model and hardware data derived from{" "}
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
            { key: "status", label: "Status", value: (r) => (typeof r.status === "string" ? r.status : JSON.stringify(r.status ?? "")) },
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
            { key: "sources", label: "Sources", value: (c) => c.sources.join(" | "), render: (c) => <Sources sources={c.sources} /> },
          ]}
        />
      )}
      <h3>AI models {models.state === "ok" && <span className="muted">(dataset {models.value.version})</span>}</h3>
      {models.state === "error" ? (
        <p className="error">{models.message}</p>
      ) : (
        <DataTable
          id="models"
          rows={models.state === "ok" ? models.value.models : []}
          columns={[
            { key: "name", label: "Model", value: (m) => m.name },
            { key: "organization", label: "Organization", value: (m) => m.organization },
            { key: "bloc", label: "Bloc", value: (m) => m.bloc },
            { key: "release_date", label: "Release", value: (m) => m.releaseDate },
            { key: "accessibility", label: "Access", value: (m) => m.accessibility },
            { key: "training_compute_flop", label: "Train FLOP", value: (m) => m.trainingComputeFlop, numeric: true },
            { key: "eci", label: "ECI", value: (m) => m.eci, numeric: true },
            { key: "gpqa_diamond", label: "GPQA", value: (m) => m.gpqaDiamond, numeric: true },
            { key: "arena_elo", label: "Arena", value: (m) => m.arenaElo, numeric: true },
            { key: "source", label: "Source", value: (m) => m.source },
          ]}
        />
      )}
    </section>
  );
}
