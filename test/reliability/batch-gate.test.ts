// Issue 13, item 7 (memory): batch classifications of more than GATED_BATCH_ROWS rows run one at a time, each until
// its reply has been read (2 s at most), so eight 10,000-row replies are never held at once; smaller batches never
// wait for them. Here: concurrent large batches all answer in full, a refused batch does not hold the gate, the gate
// is free afterwards, and a small batch answers while a large one holds it. bench/api.bench.js measures the peak RSS.
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { GATED_BATCH_ROWS } from "../../src/server/routes/classify.js";
import { createServices } from "../../src/server/services.js";
import { ensureBundled, openStore } from "../../src/store/index.js";
import { post, testApp } from "../server/helpers.js";

type Out = { count: number; results: { result?: { classification: string } }[] };

/** A batch of `n` copies of one chip 3A090.a covers on 2024-06-01 (TPP 4 × 1979 = 7916 ≥ 4800). */
const batch = (n: number) => ({
  date: "2024-06-01",
  destination: "CN",
  rows: Array.from({ length: n }, () => ({ specs: { fp8Tflops: 1979, dieAreaMm2: 814, datacenter: true } })),
});

describe("batch gate", () => {
  it("concurrent large batches each answer in full; a refused one releases the gate", async () => {
    const t = testApp();
    try {
      const large = batch(GATED_BATCH_ROWS + 1);
      // Each client reads its reply as soon as it arrives, as an HTTP client does.
      const send = (b: unknown) =>
        Promise.resolve(post(t.app, "/classify/batch", b)).then(async (r) => ({
          status: r.status,
          json: (await r.json()) as Out,
        }));
      const started = performance.now();
      const answers = await Promise.all([
        send({ rows: "nope" }),
        ...Array.from({ length: 3 }, () => send(large)),
      ]);
      expect(answers[0]!.status).toBe(400);
      for (const r of answers.slice(1)) {
        expect(r.status).toBe(200);
        expect(r.json.results).toHaveLength(GATED_BATCH_ROWS + 1);
        expect(r.json.results[0]!.result?.classification).toBe("3A090.a");
      }
      // Released on read, not by the 2 s fallback (three would take 6 s).
      expect(performance.now() - started).toBeLessThan(4_000);
    } finally {
      t.close();
    }
  });

  it("a large reply nobody reads holds the gate 2 s at most, and a small batch never waits for it", async () => {
    const t = testApp();
    try {
      const order: string[] = [];
      const send = (b: ReturnType<typeof batch>, label: string) =>
        Promise.resolve(post(t.app, "/classify/batch", b)).then(async (r) => {
          const json = (await r.json()) as Out;
          order.push(label);
          return { status: r.status, count: json.count };
        });
      const unread = await post(t.app, "/classify/batch", batch(GATED_BATCH_ROWS + 1));
      expect(unread.status).toBe(200);
      const held = performance.now();
      // Sent first, the second large batch waits for the gate; the small one, sent after it, does not.
      const [large, small] = await Promise.all([
        send(batch(GATED_BATCH_ROWS + 1), "large"),
        send(batch(5), "small"),
      ]);
      expect(order).toEqual(["small", "large"]);
      expect(small).toEqual({ status: 200, count: 5 });
      expect(large).toEqual({ status: 200, count: GATED_BATCH_ROWS + 1 });
      // It waited for the 2 s fallback (timers may fire a little early or late, hence the slack).
      expect(performance.now() - held).toBeGreaterThan(1_900);
      await unread.body?.cancel();
    } finally {
      t.close();
    }
  });

  it("a large batch whose client went away while it waited classifies no row", async () => {
    const store = openStore(":memory:");
    ensureBundled(store);
    const services = createServices({ store });
    // Every classified row reads the ruleset once (classify.ts classifyOne): count them.
    let classified = 0;
    const ruleset = services.ruleset;
    services.ruleset = () => {
      classified++;
      return ruleset();
    };
    const app = createApp({ services, log: () => {} });
    const send = (init: RequestInit = {}) =>
      app.request("/api/v1/classify/batch", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(batch(GATED_BATCH_ROWS + 1)),
        ...init,
      });
    try {
      const holder = await send(); // unread: holds the gate for 2 s
      expect(classified).toBe(GATED_BATCH_ROWS + 1);
      const gone = new AbortController();
      const waiting = Promise.resolve(send({ signal: gone.signal })).catch((err: unknown) => err);
      await new Promise((r) => setTimeout(r, 200));
      gone.abort();
      const next = await send(); // queued behind the abandoned one; answers once the gate opens
      expect(next.status).toBe(200);
      expect(((await next.json()) as Out).count).toBe(GATED_BATCH_ROWS + 1);
      await waiting;
      // The holder's rows and the last batch's; none for the batch nobody waited for.
      expect(classified).toBe(2 * (GATED_BATCH_ROWS + 1));
      await holder.body?.cancel();
    } finally {
      store.close();
    }
  });
});
