import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const dataCommand: Command = {
  name: "data",
  summary: "(not built yet)",
  usage: "chokepoint data — not built yet",
  async run() {
    throw new CliFailure("chokepoint data is not built yet");
  },
};
