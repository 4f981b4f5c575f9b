/** The simulation thread of the built server (see compute.ts): runs each job it is sent and posts the result. */
import { parentPort } from "node:worker_threads";
import { runScenario } from "../engine/sim/run.js";
import type { ThreadMessage, ThreadReply } from "./compute.js";

const port = parentPort;
if (port)
  port.on("message", (m: ThreadMessage) => {
    let reply: ThreadReply;
    try {
      reply = { id: m.id, ok: true, value: runScenario(m.scenario, m.inputs, m.opts) };
    } catch (err) {
      reply = { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
