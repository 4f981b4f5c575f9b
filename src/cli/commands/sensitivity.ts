import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const sensitivityCommand: Command = {
  name: "sensitivity",
  summary: "(not built yet)",
  usage: "chokepoint sensitivity — not built yet",
  async run() {
    throw new CliFailure("chokepoint sensitivity is not built yet");
  },
};
