/**
 * Where the API's simulations and sensitivity analyses run. In the built server they run on one worker thread, so
 * a long run (up to maxDraws, a slow counterfactual, Sobol at large N) no longer holds up every other request on
 * the event loop; jobs queue on that thread in arrival order. When the thread's compiled entry is absent (the API
 * run from TypeScript sources, as in the unit tests) they run in-process. Both run the same engine code (runJob)
 * and give the same numbers.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SimInputs } from "../engine/sim/inputs.js";
import type { Plan } from "../engine/sim/plan.js";
import { type RunOptions, runScenario, type SimResult } from "../engine/sim/run.js";
import type { Result, Scenario } from "../engine/sim/scenario.js";
import { type OutputRef, type SobolResult, sobol, type Tornado, tornado } from "../engine/sim/sensitivity.js";
import { openStore, type Store, StoreFault } from "../store/index.js";
import { ApiError, type ErrorStatus } from "./errors.js";
import { type ImportJob, type ImportOutcome, runImport } from "./import-job.js";
import { checkDeadline, timeLimitError } from "./route.js";

/** runScenario's options that cross a thread boundary (no callbacks). */
export type JobOptions = Omit<RunOptions, "onProgress" | "early">;

/** A tornado of one output and, unless `sobol` is null, its Sobol indices. */
export interface SensitivityJob {
  plan: Plan;
  scenario: Scenario;
  output: OutputRef;
  sobol: { N: number; seed: number; bootstrap: number } | null;
}
export interface SensitivityResult {
  tornado: Tornado;
  sobol: SobolResult | null;
}

/** The jobs a thread runs: kind → [input, output]. An import names the database file it opens on that thread. */
interface Jobs {
  simulate: [{ scenario: Scenario; inputs: SimInputs; opts: JobOptions }, Result<SimResult>];
  sensitivity: [SensitivityJob, SensitivityResult];
  import: [ImportJob & { dbPath: string }, ImportOutcome];
}
export type JobKind = keyof Jobs;

/** Runs one job; `progress` is called between batches of model runs (the in-process deadline check). */
export function runJob<K extends JobKind>(kind: K, input: Jobs[K][0], progress?: () => void): Jobs[K][1] {
  if (kind === "import") {
    const job = input as Jobs["import"][0];
    const store = openStore(job.dbPath, { check: false });
    try {
      return runImport(store, job) as Jobs[K][1];
    } finally {
      store.close();
    }
  }
  if (kind === "simulate") {
    const { scenario, inputs, opts } = input as Jobs["simulate"][0];
    return runScenario(scenario, inputs, {
      ...opts,
      ...(progress ? { onProgress: progress } : {}),
    }) as Jobs[K][1];
  }
  const job = input as SensitivityJob;
  const t = tornado(job.plan, job.scenario, job.output);
  progress?.();
  const sb = job.sobol
    ? sobol(job.plan, job.scenario, job.output, {
        ...job.sobol,
        ...(progress ? { onProgress: progress } : {}),
      })
    : null;
  return { tornado: t, sobol: sb } as Jobs[K][1];
}

export interface Compute {
  /** runScenario, stopped with a 422 time_limit ApiError once `deadline` (epoch ms) passes. */
  runScenario(
    scenario: Scenario,
    inputs: SimInputs,
    opts: JobOptions,
    deadline: number,
  ): Promise<Result<SimResult>>;
  /** Tornado and Sobol indices, under the same deadline rule. */
  sensitivity(job: SensitivityJob, deadline: number): Promise<SensitivityResult>;
  /** A dataset import into `store` (on a thread through its own connection when the store is a file). */
  importDataset(job: ImportJob, store: Store, deadline: number): Promise<ImportOutcome>;
  close(): Promise<void>;
}

/** On the calling thread: the deadline is checked between chunks of draws / batches of model runs. */
export function inProcessCompute(): Compute {
  return {
    runScenario: async (scenario, inputs, opts, deadline) =>
      runJob("simulate", { scenario, inputs, opts }, () => checkDeadline(deadline)),
    sensitivity: async (job, deadline) => runJob("sensitivity", job, () => checkDeadline(deadline)),
    importDataset: async (job, store) => runImport(store, job),
    close: async () => {},
  };
}

export interface ThreadMessage {
  id: number;
  kind: JobKind;
  input: unknown;
}
export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string; status?: ErrorStatus; code?: string; field?: string };

/** A job's failure as the thread posts it: API errors and storage faults keep their status and code. */
export function failureReply(id: number, err: unknown): ThreadReply {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ApiError)
    return {
      id,
      ok: false,
      message,
      status: err.status,
      code: err.code,
      ...(err.field ? { field: err.field } : {}),
    };
  if (err instanceof StoreFault) return { id, ok: false, message, status: 503, code: err.code };
  return { id, ok: false, message };
}

interface Job extends ThreadMessage {
  deadline: number;
  resolve(r: unknown): void;
  reject(e: unknown): void;
}

/**
 * Buffers a job's message may hand over to the thread instead of copying: an import's undecoded body (16 MB copied
 * by postMessage held the event loop ~50 ms). Only a buffer the bytes fill whole, so nothing else is detached with it.
 */
export function transferables(kind: JobKind, input: unknown): ArrayBuffer[] {
  if (kind !== "import") return [];
  const text = (input as Jobs["import"][0]).text;
  return text instanceof Uint8Array &&
    text.buffer instanceof ArrayBuffer &&
    text.byteOffset === 0 &&
    text.byteLength === text.buffer.byteLength
    ? [text.buffer]
    : [];
}

/** What a client whose job ran out of time should do: fewer draws mean nothing to an import. */
export function timeLimitAdvice(kind: JobKind): string | undefined {
  return kind === "import"
    ? "retry when the server is less busy or send a smaller file (GET /datasets shows whether it was stored)"
    : undefined;
}

/**
 * One worker thread running jobs one at a time. A job past its deadline ends the thread (a synchronous run cannot
 * be interrupted otherwise) and fails with time_limit; the next job starts a fresh thread.
 */
export function threadCompute(entry: URL): Compute {
  let worker: Worker | null = null;
  let current: Job | null = null;
  let timer: NodeJS.Timeout | null = null;
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const settle = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    current = null;
    pump();
  };
  const fail = (job: Job, err: unknown) => {
    job.reject(err);
    settle();
  };
  const spawn = (): Worker => {
    const w = new Worker(entry);
    w.unref();
    // Events of a thread already given up on (ended at a deadline) concern no current job.
    w.on("message", (m: ThreadReply) => {
      const job = current;
      if (worker !== w || !job || m.id !== job.id) return;
      if (m.ok) job.resolve(m.value);
      else
        job.reject(
          m.status && m.code ? new ApiError(m.status, m.code, m.message, m.field) : new Error(m.message),
        );
      settle();
    });
    w.on("error", (err) => {
      if (worker !== w) return;
      worker = null;
      if (current) fail(current, err);
    });
    w.on("exit", () => {
      if (worker !== w) return;
      worker = null;
      if (current && !closed) fail(current, new Error("the simulation thread stopped"));
    });
    return w;
  };
  function pump(): void {
    if (current || closed) return;
    const job = queue.shift();
    if (!job) return;
    if (Date.now() > job.deadline) {
      job.reject(timeLimitError(timeLimitAdvice(job.kind))); // waited in the queue past its limit
      pump();
      return;
    }
    current = job;
    worker ??= spawn();
    timer = setTimeout(
      () => {
        if (current !== job) return;
        const w = worker;
        worker = null;
        current = null;
        timer = null;
        void w?.terminate();
        job.reject(timeLimitError(timeLimitAdvice(job.kind)));
        pump();
      },
      Math.max(0, job.deadline - Date.now()),
    );
    const { id, kind, input } = job;
    worker.postMessage({ id, kind, input } satisfies ThreadMessage, transferables(kind, input));
  }

  const submit = <K extends JobKind>(kind: K, input: Jobs[K][0], deadline: number) =>
    new Promise<Jobs[K][1]>((resolve, reject) => {
      queue.push({ id: nextId++, kind, input, deadline, resolve: resolve as (r: unknown) => void, reject });
      pump();
    });
  return {
    runScenario: (scenario, inputs, opts, deadline) =>
      submit("simulate", { scenario, inputs, opts }, deadline),
    sensitivity: (job, deadline) => submit("sensitivity", job, deadline),
    importDataset: (job, store, deadline) =>
      store.path === ":memory:"
        ? Promise.resolve().then(() => runImport(store, job))
        : submit("import", { ...job, dbPath: store.path }, deadline),
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const job of queue.splice(0)) job.reject(new Error("the server is closing"));
      current?.reject(new Error("the server is closing"));
      current = null;
      await worker?.terminate();
      worker = null;
    },
  };
}

/**
 * Most draws a simulation may ask for and still count as a small job (the dashboard's interactive runs use far
 * fewer). assumption: 20,000 draws take about a second on one core of the reference machine (README figures), short
 * enough that small jobs queued behind each other still answer quickly.
 */
export const SMALL_JOB_DRAWS = 20_000;

/** Whether a job goes to the small lane: a simulation of at most SMALL_JOB_DRAWS draws, or a tornado alone. */
export function isSmallJob(kind: JobKind, input: unknown): boolean {
  if (kind === "simulate") {
    const { opts } = input as Jobs["simulate"][0];
    return (opts.draws ?? Number.POSITIVE_INFINITY) <= SMALL_JOB_DRAWS && !opts.counterfactual;
  }
  if (kind === "sensitivity") return (input as SensitivityJob).sobol === null;
  return false;
}

/**
 * Two lanes, each its own thread: small jobs never wait behind a long simulation, a Sobol analysis or an import,
 * which queue on the other lane in arrival order.
 */
export function laneCompute(small: Compute, large: Compute): Compute {
  return {
    runScenario: (scenario, inputs, opts, deadline) =>
      (isSmallJob("simulate", { scenario, inputs, opts }) ? small : large).runScenario(
        scenario,
        inputs,
        opts,
        deadline,
      ),
    sensitivity: (job, deadline) =>
      (isSmallJob("sensitivity", job) ? small : large).sensitivity(job, deadline),
    importDataset: (job, store, deadline) => large.importDataset(job, store, deadline),
    close: async () => {
      await Promise.all([small.close(), large.close()]);
    },
  };
}

/** The compiled thread entry beside this module, when there is one (dist/server/compute-thread.js): two lanes. */
export function defaultCompute(): Compute {
  const entry = new URL("./compute-thread.js", import.meta.url);
  return existsSync(fileURLToPath(entry))
    ? laneCompute(threadCompute(entry), threadCompute(entry))
    : inProcessCompute();
}
