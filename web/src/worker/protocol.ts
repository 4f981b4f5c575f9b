/** Messages between the page and the simulation worker. Plain structured-clone data; typed arrays are transferred. */
export type ToWorker<Init, Req> = { type: "init"; init: Init } | { type: "run"; id: number; request: Req };

export type FromWorker<Res> =
  | { type: "ready" }
  | { type: "result"; id: number; result: Res; ms: number }
  /** An early part of a result whose request is still running (its final "result" follows). */
  | { type: "partial"; id: number; result: Res; ms: number }
  | { type: "error"; id: number; message: string };
