import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const gapCommand: Command = {
  name: "gap",
  summary: "(not built yet)",
  usage: "chokepoint gap — not built yet",
  async run() {
    throw new CliFailure("chokepoint gap is not built yet");
  },
};
