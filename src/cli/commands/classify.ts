import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const classifyCommand: Command = {
  name: "classify",
  summary: "(not built yet)",
  usage: "chokepoint classify — not built yet",
  async run() {
    throw new CliFailure("chokepoint classify is not built yet");
  },
};
