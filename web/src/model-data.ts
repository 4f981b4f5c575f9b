/** API reader for the Gap page: the model rows of the current dataset version, measured in the browser by the gap engine. */
import type { ArenaRow, ModelRecord } from "../../src/engine/gap/types.js";
import { asList, getJson } from "./api.js";

export interface ModelData {
  version: string;
  models: ModelRecord[];
  arena: ArenaRow[];
}

export async function loadModelData(): Promise<ModelData> {
  const body = (await getJson("models")) as Record<string, unknown> | unknown[];
  const o = Array.isArray(body) ? {} : body;
  return {
    version: String((o as { version?: unknown; dataset?: unknown }).version ?? (o as { dataset?: unknown }).dataset ?? "bundled"),
    models: asList<ModelRecord>(body, "models"),
    arena: asList<ArenaRow>((o as { arena?: unknown }).arena ?? []),
  };
}
