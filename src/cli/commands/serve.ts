import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const serveCommand: Command = {
  name: "serve",
  summary: "(not built yet)",
  usage: "chokepoint serve — not built yet",
  async run() {
    throw new CliFailure("chokepoint serve is not built yet");
  },
};
