// Issue 13, item 7 (memory): batch classifications run one at a time, each until its reply has been read, so
// eight 10,000-row replies are never built at once. Here: concurrent batches all answer in full, a refused batch
// does not hold the gate, and the gate is free afterwards. bench/api.bench.js measures the peak RSS.
import { describe, expect, it } from "vitest";
import { post, testApp } from "../server/helpers.js";

describe("batch gate", () => {
  it("concurrent batches each answer in full; a refused one releases the gate", async () => {
    const t = testApp();
    try {
      const rows = Array.from({ length: 50 }, () => ({
        specs: { fp8Tflops: 1979, dieAreaMm2: 814, datacenter: true },
      }));
      const body = { date: "2024-06-01", destination: "CN", rows };
      type Out = { results: { result?: { classification: string } }[] };
      // Each client reads its reply as soon as it arrives, as an HTTP client does.
      const send = (b: unknown) =>
        Promise.resolve(post(t.app, "/classify/batch", b)).then(async (r) => ({
          status: r.status,
          json: (await r.json()) as Out,
        }));
      const started = performance.now();
      const answers = await Promise.all([
        send({ rows: "nope" }),
        ...Array.from({ length: 4 }, () => send(body)),
      ]);
      expect(answers[0]!.status).toBe(400);
      for (const r of answers.slice(1)) {
        expect(r.status).toBe(200);
        expect(r.json.results).toHaveLength(50);
        expect(r.json.results[0]!.result?.classification).toBe("3A090.a");
      }
      // Released on read, not by the 2 s fallback.
      expect(performance.now() - started).toBeLessThan(2_000);
      // A reply nobody reads holds the gate 2 s at most.
      await post(t.app, "/classify/batch", body);
      const after = await send(body);
      expect(after.status).toBe(200);
    } finally {
      t.close();
    }
  });
});
