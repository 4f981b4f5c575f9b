import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const chipsCommand: Command = {
  name: "chips",
  summary: "(not built yet)",
  usage: "chokepoint chips — not built yet",
  async run() {
    throw new CliFailure("chokepoint chips is not built yet");
  },
};
