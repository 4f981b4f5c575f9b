import { it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { createServices } from "../../src/server/services.js";
import { ensureBundled, openStore } from "../../src/store/index.js";
import { SavedStore } from "../../src/store/saved.js";
it("scratch", async () => {
  const store = openStore(":memory:");
  ensureBundled(store);
  const app = createApp({ services: createServices({ store, saved: new SavedStore(store.db) }) });
  const show = async (path: string, init?: RequestInit) => {
    const r = await app.request(path, init);
    const t = await r.text();
    console.log(path, r.status, t.slice(0, 700));
  };
  await show("/api/v1/health");
  await show("/api/v1/chips?q=h20");
  await show("/api/v1/chips/h20");
  await show("/api/v1/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chip: "nvidia-h20", date: "2025-06-01", destination: "CN" }) });
  await show("/api/v1/classify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ specs: { fp8Tflops: 600, dieAreaMm2: 814, datacenter: true }, date: "2024-06-01" }) });
  await show("/api/v1/rules");
  await show("/api/v1/rules/2023-10-17/max-tpp?dieArea=814");
  await show("/api/v1/rules/2023-10-17/regions");
  await show("/api/v1/rules/diff?from=2022-10-07&to=2023-10-17");
  await show("/api/v1/gap?at=2025-01-01");
  await show("/api/v1/gap?metric=compute&at=2025-01-01&step=365");
  await show("/api/v1/events?type=rule");
  await show("/api/v1/datasets");
});
