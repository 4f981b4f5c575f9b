import type { Command } from "../command.js";
import { backtestCommand } from "./backtest.js";
import { briefCommand } from "./brief.js";
import { calibrateCommand } from "./calibrate.js";
import { chipsCommand } from "./chips.js";
import { classifyCommand } from "./classify.js";
import { dataCommand } from "./data.js";
import { gapCommand } from "./gap.js";
import { reportCommand } from "./report.js";
import { rulesCommand } from "./rules.js";
import { screenCommand } from "./screen.js";
import { sensitivityCommand } from "./sensitivity.js";
import { serveCommand } from "./serve.js";
import { simulateCommand } from "./simulate.js";

/** Every sub-command, in the order `chokepoint --help` lists them. */
export const commands: Command[] = [
  reportCommand,
  classifyCommand,
  screenCommand,
  chipsCommand,
  rulesCommand,
  gapCommand,
  simulateCommand,
  briefCommand,
  sensitivityCommand,
  calibrateCommand,
  backtestCommand,
  dataCommand,
  serveCommand,
];
