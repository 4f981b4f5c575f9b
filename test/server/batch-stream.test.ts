// Batch classification replies are built and sent in slices (src/server/json-slices.ts) instead of one
// JSON.stringify of every result. The reply must stay the same bytes: these tests compare it with what one
// JSON.stringify of the same value writes, with the single-chip endpoint's answers, and with its Content-Length.
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { encodeArraySlices, SLICE_ITEMS, slicedJsonReply } from "../../src/server/json-slices.js";
import { post, testApp } from "./helpers.js";

type Row = {
  row: number;
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; field?: string };
};
type Batch = { count: number; ok: number; failed: number; results: Row[] };

/** The reply text, after checking its declared length is its UTF-8 byte length. */
async function textOf(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(Number(res.headers.get("content-length"))).toBe(bytes.byteLength);
  return new TextDecoder().decode(bytes);
}

describe("sliced JSON replies", () => {
  // Items with multi-byte characters (the rules' § signs, CJK, an astral emoji), nulls and an undefined member.
  const item = (i: number) =>
    i % 97 === 5
      ? undefined
      : {
          i,
          text: i % 3 ? `§ 734.9(e)(${i})` : `出口管制 ${i} 🚫`,
          n: i / 7,
          z: null,
          list: [i, 'a"b\\c\n'],
        };
  const app = new Hono();
  app.get("/:n", async (c) => {
    const n = Number(c.req.param("n"));
    const slices = await encodeArraySlices(n, item);
    return slicedJsonReply(c, { count: n, note: "ünïcode" }, "results", slices);
  });

  for (const n of [0, 1, SLICE_ITEMS - 1, SLICE_ITEMS, SLICE_ITEMS + 1, 3 * SLICE_ITEMS + 17]) {
    it(`${n} items: the bytes of JSON.stringify of the whole object`, async () => {
      const text = await textOf(await app.request(`/${n}`));
      const expected = JSON.stringify({
        count: n,
        note: "ünïcode",
        results: Array.from({ length: n }, (_, i) => item(i)),
      });
      expect(text).toBe(expected);
    });
  }

  it("an empty head object gives just the array key", async () => {
    const h = new Hono();
    h.get("/", async (c) => slicedJsonReply(c, {}, "rows", await encodeArraySlices(2, (i) => i)));
    expect(await textOf(await h.request("/"))).toBe('{"rows":[0,1]}');
  });
});

describe("POST /classify/batch reply", () => {
  const t = testApp();
  afterAll(() => t.close());

  /** The single-chip endpoint's answer for one request, as the batch row's `result` should be. */
  async function single(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const r = await post(t.app, "/classify", body);
    expect(r.status).toBe(200);
    return (await r.json()) as Record<string, unknown>;
  }

  it("a small batch with good and bad rows is exactly the JSON of its value, rows equal to /classify's", async () => {
    const shared = { date: "2024-06-01", destination: "CN" };
    const rows: unknown[] = [
      { chip: "nvidia-h100-sxm" },
      { chip: "no-such-chip" },
      { specs: { fp8Tflops: 600, dieAreaMm2: 814, datacenter: true } },
      5,
      { chip: "nvidia-a100-sxm4-80gb", destination: "NL" },
    ];
    const text = await textOf(await post(t.app, "/classify/batch", { ...shared, rows }));
    const parsed = JSON.parse(text) as Batch;
    // No whitespace, key order count → ok → failed → results: what c.json / JSON.stringify writes.
    expect(text).toBe(JSON.stringify(parsed));
    expect(Object.keys(parsed)).toEqual(["count", "ok", "failed", "results"]);
    expect([parsed.count, parsed.ok, parsed.failed]).toEqual([5, 3, 2]);
    expect(parsed.results[0]).toEqual({
      row: 0,
      ok: true,
      result: await single({ ...shared, ...(rows[0] as object) }),
    });
    expect(parsed.results[2]!.result).toEqual(await single({ ...shared, ...(rows[2] as object) }));
    expect(parsed.results[4]!.result).toEqual(await single({ ...shared, ...(rows[4] as object) }));
    expect(parsed.results[1]).toMatchObject({ row: 1, ok: false, error: { field: "rows[1].chip" } });
    expect(parsed.results[3]).toMatchObject({ row: 3, ok: false, error: { code: "bad_input" } });
  });

  it("a 10,000-row batch across slice boundaries: valid JSON, every row in order, bad rows where they were put", async () => {
    // The bench's rows (bench/api.bench.js) with bad rows on both sides of slice boundaries and at the ends.
    const bad = new Set([0, SLICE_ITEMS - 1, SLICE_ITEMS, 2 * SLICE_ITEMS + 1, 9_999]);
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      bad.has(i)
        ? { chip: "no-such-chip" }
        : i % 2
          ? { chip: "nvidia-h20" }
          : { specs: { fp8Tflops: 100 + (i % 900), dieAreaMm2: 814, datacenter: true } },
    );
    const shared = { date: "2024-06-01", destination: "CN" };
    const text = await textOf(await post(t.app, "/classify/batch", { ...shared, rows }));
    const parsed = JSON.parse(text) as Batch;
    expect(text).toBe(JSON.stringify(parsed));
    expect([parsed.count, parsed.ok, parsed.failed]).toEqual([10_000, 10_000 - bad.size, bad.size]);
    expect(parsed.results.map((r) => r.row)).toEqual(rows.map((_, i) => i));
    expect(parsed.results.filter((r) => !r.ok).map((r) => r.row)).toEqual([...bad].sort((a, b) => a - b));
    for (const i of bad) expect(parsed.results[i]!.error!.field).toBe(`rows[${i}].chip`);
    // Spot rows on either side of a boundary against the single-chip endpoint.
    for (const i of [1, SLICE_ITEMS + 1, SLICE_ITEMS + 2, 9_998])
      expect(parsed.results[i]!.result).toEqual(await single({ ...shared, ...rows[i] }));
  }, 120_000);
});
