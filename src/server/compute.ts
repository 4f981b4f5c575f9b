/**
 * Where the API's simulations run. In the built server they run on one worker thread, so a long run (up to
 * maxDraws, or a slow counterfactual) no longer holds up every other request on the event loop; jobs queue on that
 * thread in arrival order. When the thread's compiled entry is absent (the API run from TypeScript sources, as in
 * the unit tests) they run in-process. Both call the same runScenario and give the same numbers.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SimInputs } from "../engine/sim/inputs.js";
import { type RunOptions, runScenario, type SimResult } from "../engine/sim/run.js";
import type { Result, Scenario } from "../engine/sim/scenario.js";
import { checkDeadline } from "./route.js";

/** runScenario's options that cross a thread boundary (no callbacks). */
export type JobOptions = Omit<RunOptions, "onProgress" | "early">;

export interface Compute {
  /** runScenario, stopped with a 422 time_limit ApiError once `deadline` (epoch ms) passes. */
  runScenario(
    scenario: Scenario,
    inputs: SimInputs,
    opts: JobOptions,
    deadline: number,
  ): Promise<Result<SimResult>>;
  close(): Promise<void>;
}

/** On the calling thread: the deadline is checked after every chunk of draws. */
export function inProcessCompute(): Compute {
  return {
    runScenario: async (scenario, inputs, opts, deadline) =>
      runScenario(scenario, inputs, { ...opts, onProgress: () => checkDeadline(deadline) }),
    close: async () => {},
  };
}

export interface ThreadMessage {
  id: number;
  scenario: Scenario;
  inputs: SimInputs;
  opts: JobOptions;
}
export type ThreadReply =
  | { id: number; ok: true; value: Result<SimResult> }
  | { id: number; ok: false; message: string };

interface Job extends ThreadMessage {
  deadline: number;
  resolve(r: Result<SimResult>): void;
  reject(e: unknown): void;
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
      else job.reject(new Error(m.message));
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
    try {
      checkDeadline(job.deadline); // waited in the queue past its limit
    } catch (err) {
      job.reject(err);
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
        try {
          checkDeadline(0);
        } catch (err) {
          job.reject(err);
        }
        pump();
      },
      Math.max(0, job.deadline - Date.now()),
    );
    const { id, scenario, inputs, opts } = job;
    worker.postMessage({ id, scenario, inputs, opts } satisfies ThreadMessage);
  }

  return {
    runScenario: (scenario, inputs, opts, deadline) =>
      new Promise((resolve, reject) => {
        queue.push({ id: nextId++, scenario, inputs, opts, deadline, resolve, reject });
        pump();
      }),
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

/** The compiled thread entry beside this module, when there is one (dist/server/compute-thread.js). */
export function defaultCompute(): Compute {
  const entry = new URL("./compute-thread.js", import.meta.url);
  return existsSync(fileURLToPath(entry)) ? threadCompute(entry) : inProcessCompute();
}
