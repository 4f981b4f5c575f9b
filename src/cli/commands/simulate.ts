import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const simulateCommand: Command = {
  name: "simulate",
  summary: "(not built yet)",
  usage: "chokepoint simulate — not built yet",
  async run() {
    throw new CliFailure("chokepoint simulate is not built yet");
  },
};
