import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const rulesCommand: Command = {
  name: "rules",
  summary: "(not built yet)",
  usage: "chokepoint rules — not built yet",
  async run() {
    throw new CliFailure("chokepoint rules is not built yet");
  },
};
