import { type Command, CliFailure } from "../command.js";

// Placeholder until this command is built; see the issue tracker.
export const backtestCommand: Command = {
  name: "backtest",
  summary: "(not built yet)",
  usage: "chokepoint backtest — not built yet",
  async run() {
    throw new CliFailure("chokepoint backtest is not built yet");
  },
};
