import type { FromWorker, ToWorker } from "./protocol.js";

export interface RunOutcome<Res> {
  id: number;
  result: Res;
  /** Milliseconds the worker spent computing. */
  workerMs: number;
  /** Milliseconds from the request that this result answers to its arrival on the page. */
  latencyMs: number;
}

/** The part of a Worker the scheduler uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (e: MessageEvent) => void): void;
  addEventListener(type: "error", listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

/**
 * Coalescing run scheduler in front of one worker: at most one run is in flight; requests made meanwhile replace
 * each other, so a fast slider drag costs one run now and one for its final position, never a backlog.
 */
export class RunScheduler<Init, Req, Res> {
  private inFlight: { id: number; at: number } | null = null;
  private pending: { id: number; at: number; request: Req } | null = null;
  private nextId = 1;
  private listeners = new Set<(o: RunOutcome<Res>) => void>();
  private errorListeners = new Set<(message: string) => void>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener("message", (e: MessageEvent) => this.onMessage(e.data as FromWorker<Res>));
    // A worker that fails to load or throws outside a request would otherwise leave the page waiting forever.
    worker.addEventListener("error", (e: ErrorEvent) => {
      this.inFlight = null;
      this.pending = null;
      for (const f of this.errorListeners) f(`simulation worker failed: ${e.message || "could not load"}`);
    });
  }

  init(init: Init): void {
    this.worker.postMessage({ type: "init", init } satisfies ToWorker<Init, Req>);
  }

  /** Asks for a run; returns its id. Older requests still waiting are dropped. */
  request(request: Req): number {
    const id = this.nextId++;
    this.pending = { id, at: performance.now(), request };
    this.pump();
    return id;
  }

  onResult(f: (o: RunOutcome<Res>) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  onError(f: (message: string) => void): () => void {
    this.errorListeners.add(f);
    return () => this.errorListeners.delete(f);
  }

  get busy(): boolean {
    return this.inFlight !== null || this.pending !== null;
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
  }

  private pump(): void {
    if (this.inFlight || !this.pending) return;
    const { id, at, request } = this.pending;
    this.pending = null;
    this.inFlight = { id, at };
    this.worker.postMessage({ type: "run", id, request } satisfies ToWorker<Init, Req>);
  }

  private onMessage(msg: FromWorker<Res>): void {
    if (msg.type === "ready") return;
    if (msg.type === "error" && msg.id === 0) {
      for (const f of this.errorListeners) f(msg.message);
      return;
    }
    const started = this.inFlight;
    this.inFlight = null;
    // Start the newest waiting request at once; still show this answer so the chart moves during a drag.
    this.pump();
    if (msg.type === "error") {
      for (const f of this.errorListeners) f(msg.message);
      return;
    }
    const latencyMs = started ? performance.now() - started.at : msg.ms;
    for (const f of this.listeners) f({ id: msg.id, result: msg.result, workerMs: msg.ms, latencyMs });
  }
}
