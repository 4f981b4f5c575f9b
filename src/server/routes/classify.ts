import { applySpec, chipFromSpec, type SpecChip } from "../../engine/chips/spec.js";
import { type EvalChip, type EvalContext, evaluate, RuleInputError } from "../../engine/rules/evaluate.js";
import { importedLists } from "./screen.js";
import { ApiError, fromZod } from "../errors.js";
import { gate } from "../gate.js";
import { encodeArraySlices, slicedJsonReply } from "../json-slices.js";
import type { ApiLimits } from "../limits.js";
import { route } from "../route.js";
import { type ClassifyItem, classifyBatchSchema, classifyItem } from "../schemas.js";
import type { ApiServices } from "../services.js";
import { requireChip } from "./chips.js";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The chip a request names: from the catalogue, from specs (built as the CLI builds them, src/engine/chips/spec.ts),
 * or a catalogue chip with the given specs overriding. Exported for the CLI/API agreement tests.
 */
export function chipOf(
  services: ApiServices,
  item: ClassifyItem,
  field: string,
): { chip: SpecChip; from: "catalogue" | "specs" | "catalogue+specs" | "hbm-stack" } {
  if (item.chip === undefined && item.specs === undefined && item.hbmStack)
    return {
      chip: {
        ...chipFromSpec({ name: "HBM stack", type: "other", hbm: true }),
        hbmStack: item.hbmStack,
      } as SpecChip,
      from: "hbm-stack",
    };
  if (item.chip === undefined) {
    const chip = chipFromSpec(item.specs!);
    return { chip: item.hbmStack ? ({ ...chip, hbmStack: item.hbmStack } as SpecChip) : chip, from: "specs" };
  }
  const base = requireChip(services, item.chip, field);
  if (!item.specs) return { chip: base, from: "catalogue" };
  return { chip: applySpec(base, item.specs), from: "catalogue+specs" };
}

/** Classifies one item; bad input becomes an ApiError naming the field (prefixed for batch rows). */
function classifyOne(services: ApiServices, item: ClassifyItem, prefix = "") {
  const of = chipOf(services, item, `${prefix}chip`);
  const from = of.from;
  const chip: EvalChip = {
    ...of.chip,
    ...(item.computer ? { computer: item.computer } : {}),
    ...(item.alsoEccn ? { alsoEccn: item.alsoEccn } : {}),
    ...(item.softwareTech ? { softwareTech: item.softwareTech } : {}),
  };
  const ctx: EvalContext = {
    date: item.date ?? today(),
    destination: item.destination ?? "CN",
    ...(item.buyerHq ? { buyerHq: item.buyerHq } : {}),
    ...(item.endUse ? { endUse: item.endUse } : {}),
    ...(item.shipFrom ? { shipFrom: item.shipFrom } : {}),
    ...(item.kind ? { kind: item.kind } : {}),
    ...(item.region !== undefined ? { region: item.region } : {}),
    ...(item.buyer !== undefined ? { buyer: item.buyer } : {}),
    ...(item.consignee !== undefined ? { consignee: item.consignee } : {}),
    ...(item.informed !== undefined ? { informed: item.informed } : {}),
    ...(item.foreignDirectProduct !== undefined ? { foreignDirectProduct: item.foreignDirectProduct } : {}),
    ...(item.usContentPercent !== undefined ? { usContentPercent: item.usContentPercent } : {}),
    ...(item.ownedBy !== undefined ? { ownedBy: item.ownedBy } : {}),
  };
  try {
    const base = services.ruleset();
    const ruleset =
      ctx.buyer !== undefined || ctx.consignee !== undefined || ctx.ownedBy !== undefined
        ? { ...base, parties: [...base.parties, ...importedLists(services)] }
        : base;
    const result = evaluate(chip, ctx, ruleset);
    return { chip: { id: chip.id, name: chip.name, from }, ...result };
  } catch (err) {
    if (err instanceof RuleInputError)
      throw new ApiError(400, "bad_input", err.message, `${prefix}${err.field}`);
    throw err;
  }
}

/**
 * Batches with more rows than this are classified one at a time (BATCH_GATE). assumption: 500 rows make a reply of
 * about 1.3 MB (2.5 KB a row, measured on the bench's rows), small enough that many at once stay cheap; the
 * dashboard's batch (every catalogue chip) is far below it and never queues behind a 10,000-row batch.
 */
export const GATED_BATCH_ROWS = 500;

/** How long a large batch's unread reply holds the gate at most, ms: an idle client cannot stall every later one. */
const GATE_HOLD_MS = 2_000;

export function classifyRoutes(services: ApiServices, limits: ApiLimits) {
  const batchSchema = classifyBatchSchema(limits.maxBatchRows);
  // Large batches one at a time, each until its reply has been read: eight 10,000-row batches classified at once
  // would each hold their ~25 MB reply together (and, built whole, held over a gigabyte before replies were sliced).
  const batchGate = gate();
  return [
    route({
      method: "post",
      path: "/classify",
      operationId: "classify",
      summary: "Classify one chip under the export rules in force on a date, for a destination and buyer",
      description:
        "Returns the 3A090 classification, whether a licence is required, the requirements that impose it (Part 746, " +
        "Entity List, Affiliates rule, 3A090/4A090 scope, is-informed letters; strictest review policy first, each " +
        "with its paragraph and citation), the review policy, licence exceptions and " +
        "every test applied with the paragraph and citation it rests on. A missing die area makes PD-dependent tests " +
        "indeterminate rather than guessed.",
      tag: "rules",
      body: classifyItem,
      errors: { 404: "unknown catalogue chip (the message suggests close ids)" },
      handler: ({ body }) => classifyOne(services, body),
    }),
    route({
      method: "post",
      path: "/classify/batch",
      operationId: "classifyBatch",
      summary: `Classify many chips (up to ${limits.maxBatchRows}); a bad row gets its own error and the rest go on`,
      tag: "rules",
      body: batchSchema,
      handler: async ({ body, c }) => {
        // Every shared context field given in the body applies to each row unless the row sets its own.
        const { rows: _rows, ...context } = body;
        const shared = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
        // A batch is classified over several turns of the event loop: "today" is read once, so a batch that spans
        // midnight still classifies every undated row on one date.
        shared.date ??= today();
        let failed = 0;
        const classifyRow = (i: number) => {
          const row = body.rows[i];
          const prefix = `rows[${i}].`;
          try {
            const withShared =
              row !== null && typeof row === "object" && !Array.isArray(row) ? { ...shared, ...row } : row;
            const parsed = classifyItem.safeParse(withShared);
            if (!parsed.success) throw fromZod(parsed.error, withShared, `rows[${i}]`);
            return { row: i, ok: true as const, result: classifyOne(services, parsed.data, prefix) };
          } catch (err) {
            if (!(err instanceof ApiError)) throw err;
            failed++;
            return { row: i, ok: false as const, error: err.toBody().error };
          }
        };
        // Rows are classified, stringified and encoded a slice at a time (json-slices.ts): the reply is the same
        // bytes as one JSON.stringify of { count, ok, failed, results }, without ever holding every result object.
        const count = body.rows.length;
        const release = count > GATED_BATCH_ROWS ? await batchGate() : () => {};
        let slices: Uint8Array[];
        try {
          // A client that gave up while this batch waited or ran costs no more classifications.
          slices = await encodeArraySlices(count, classifyRow, c.req.raw.signal);
        } catch (err) {
          release();
          throw err;
        }
        setTimeout(release, GATE_HOLD_MS).unref();
        return slicedJsonReply(c, { count, ok: count - failed, failed }, "results", slices, release);
      },
    }),
  ];
}
