/** The simulation thread of the built server (see compute.ts): runs each job it is sent and posts the result. */
import { parentPort } from "node:worker_threads";
import { failureReply, type JobKind, runJob, type ThreadMessage, type ThreadReply } from "./compute.js";

const port = parentPort;
if (port)
  port.on("message", (m: ThreadMessage) => {
    let reply: ThreadReply;
    try {
      reply = { id: m.id, ok: true, value: runJob(m.kind as JobKind, m.input as never) };
    } catch (err) {
      reply = failureReply(m.id, err);
    }
    port.postMessage(reply);
  });
