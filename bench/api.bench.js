// HTTP API under load: `chokepoint serve` in a child process on a free loopback port, autocannon in this one
// (so the load generator does not share the server's event loop), POST /api/v1/classify for a mix of catalogue
// chips and raw specs. Target (issue 5): ≥ 2,000 requests/s with p99 ≤ 20 ms.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function startChild() {
  const child = spawn(
    process.execPath,
    [join(root, "bin/chokepoint.js"), "serve", "--port", "0", "--db", ":memory:", "--json"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => fail(new Error(`server did not start: ${err}`)), 30_000);
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        done({ child, url: JSON.parse(line).url });
      }
    });
    child.on("exit", (code) => fail(new Error(`server exited with ${code}: ${err}`)));
  });
}

const bodies = [
  { chip: "nvidia-h20", date: "2025-06-01", destination: "CN" },
  { chip: "nvidia-h100-sxm", date: "2024-06-01", destination: "CN" },
  { chip: "nvidia-a100-sxm4-80gb", date: "2023-01-01", destination: "CN" },
  { specs: { fp8Tflops: 600, dieAreaMm2: 814, datacenter: true }, date: "2024-06-01", destination: "CN" },
  { chip: "huawei-ascend-910b", date: "2025-06-01", destination: "MY", buyerHq: "CN" },
];

function run(url, opts) {
  return new Promise((done, fail) => {
    autocannon(
      {
        url: `${url}api/v1/classify`,
        connections: opts.connections,
        duration: opts.duration,
        requests: bodies.map((b) => ({
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(b),
        })),
      },
      (err, result) => (err ? fail(err) : done(result)),
    );
  });
}

export default async function bench() {
  const { child, url } = await startChild();
  try {
    // Warm up (JIT, ruleset load), then measure.
    await run(url, { connections: 4, duration: 2 });
    for (const connections of [10, 32]) {
      const r = await run(url, { connections, duration: 8 });
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(
        `  classify, ${connections} connections, 8 s: ${Math.round(r.requests.average)} req/s (target ≥ 2000), ` +
          `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (target ≤ 20), ${r.requests.total} requests, ${bad} non-2xx/errors`,
      );
    }
    // One simulation request for scale (it runs on the server's thread, so it is not part of the load test).
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}api/v1/simulate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "status-quo", draws: 10_000, seed: i + 1 }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`simulate answered ${res.status}`);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  simulate status-quo, 10,000 draws × 34 quarters over HTTP: median ${times[2].toFixed(0)} ms of 5`,
    );
  } finally {
    child.kill("SIGTERM");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
