import type { FromWorker, ToWorker } from "./protocol.js";

export interface RunOutcome<Res> {
  id: number;
  result: Res;
  /** True for the quick preview of a request whose full run follows. */
  preview: boolean;
  /** True for an early part of a run (the worker's first-summarised variables); the whole answer follows. */
  partial: boolean;
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

interface Pending<Req> {
  id: number;
  at: number;
  request: Req;
  /** A cheaper version of the request (fewer draws) to answer first; dropped once sent. */
  preview: Req | null;
}

/**
 * Coalescing run scheduler in front of one worker: at most one run is in flight; requests made meanwhile replace
 * each other, so a fast slider drag costs the run in progress and one for the latest position, never a backlog.
 * A request may carry a preview: it runs first, and the full request runs after it unless a newer request came in —
 * so while a slider moves the chart follows quick previews, and the full run answers where it stops.
 */
export class RunScheduler<Init, Req, Res> {
  private inFlight: { id: number; at: number; preview: boolean } | null = null;
  private pending: Pending<Req> | null = null;
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

  /** Asks for a run (optionally previewed by a cheaper one); returns its id. Older waiting requests are dropped. */
  request(request: Req, preview: Req | null = null): number {
    const id = this.nextId++;
    this.pending = { id, at: performance.now(), request, preview };
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

  /** True until the latest request's full run has answered. */
  get busy(): boolean {
    return this.inFlight !== null || this.pending !== null;
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
  }

  private pump(): void {
    if (this.inFlight || !this.pending) return;
    const p = this.pending;
    if (p.preview !== null) {
      this.inFlight = { id: p.id, at: p.at, preview: true };
      this.worker.postMessage({ type: "run", id: p.id, request: p.preview } satisfies ToWorker<Init, Req>);
      p.preview = null;
      return;
    }
    this.pending = null;
    this.inFlight = { id: p.id, at: p.at, preview: false };
    this.worker.postMessage({ type: "run", id: p.id, request: p.request } satisfies ToWorker<Init, Req>);
  }

  private onMessage(msg: FromWorker<Res>): void {
    if (msg.type === "ready") return;
    if (msg.type === "partial") {
      // The run is still in flight: nothing to start yet, but the page can draw what it already has.
      const started = this.inFlight;
      if (!started || started.id !== msg.id) return;
      const latencyMs = performance.now() - started.at;
      for (const f of this.listeners)
        f({
          id: msg.id,
          result: msg.result,
          preview: started.preview,
          partial: true,
          workerMs: msg.ms,
          latencyMs,
        });
      return;
    }
    if (msg.type === "error" && msg.id === 0) {
      for (const f of this.errorListeners) f(msg.message);
      return;
    }
    const started = this.inFlight;
    this.inFlight = null;
    if (msg.type === "error" && this.pending?.id === msg.id) this.pending = null; // its full run would fail too
    // Start the newest waiting run at once; still show this answer so the chart moves during a drag.
    this.pump();
    if (msg.type === "error") {
      for (const f of this.errorListeners) f(msg.message);
      return;
    }
    const latencyMs = started ? performance.now() - started.at : msg.ms;
    const preview = started?.preview ?? false;
    for (const f of this.listeners)
      f({ id: msg.id, result: msg.result, preview, partial: false, workerMs: msg.ms, latencyMs });
  }
}
