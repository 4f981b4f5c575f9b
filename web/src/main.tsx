import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { prefetchJson } from "./api.js";
import { App, chipsPage, dataPage, gapPage, scenariosPage, timelinePage } from "./app.js";
import { gapQuery, gapState } from "./gap-state.js";
import { LANG } from "./i18n.js";
import { parseHash } from "./route.js";
import { loadChips, loadRegime, loadRegions, loadRules, pickDefaultRule } from "./rules-data.js";
import { firstRunNames, scenarioLink, serverCanAnswer } from "./scenario-state.js";
import { serverFirstRuns } from "./sim-first.js";
import { loadSimBases } from "./sim-data.js";
import { simScheduler } from "./worker/sim-client.js";
import { today } from "./url-state.js";

/**
 * Longest the first render waits for the first page's code and data (ms). Drawing the page once with everything
 * in hand costs the main thread less than drawing the shell, then the page loading, then again with the data;
 * on a slow link the shell still shows after this long.
 */
const FIRST_RENDER_WAIT_MS = 400;

// Start the first page's API requests and its code chunk while the app shell is still starting. The built
// index.html has already asked for the chip catalogue and the rule list (every page but Gap and Timeline uses
// them); taking those answers here, on every page, also keeps them ready for a later visit to Chips.
document.documentElement.lang = LANG;
const route = parseHash(window.location.hash);
const first = route.page;
const wanted: Promise<unknown>[] = [
  loadChips(),
  loadRules().then((rules) => {
    const rule = first === "chips" ? pickDefaultRule(rules) : undefined;
    return rule ? loadRegions(rule.id, true) : undefined;
  }),
];
if (first === "chips") {
  wanted.push(chipsPage.preload());
  // The default view (today, China, a Chinese buyer): its classification of every chip, asked at once.
  const p = route.params;
  if (!p.has("date") && !p.has("dest") && !p.has("hq")) wanted.push(loadRegime(today(), "CN", "CN"));
}

if (first === "scenarios") {
  // Everything the Scenarios page waits for, asked at once rather than after its code has arrived and rendered:
  // its code, the scenarios and data the simulator is built from, the worker's script (it starts compiling now),
  // and the server's run of the default view, from which the headline and gap chart are drawn first.
  wanted.push(scenariosPage.preload());
  const { state } = scenarioLink(route.params);
  void loadSimBases(firstRunNames(state, true)).catch(() => undefined);
  if (serverCanAnswer(state))
    wanted.push(serverFirstRuns(firstRunNames(state, false), state.draws, state.seed));
  simScheduler();
}

if (first === "gap") {
  const { metric, openOnly } = gapState(route.params);
  wanted.push(gapPage.preload(), prefetchJson("gap", gapQuery(metric, openOnly)));
}
if (first === "timeline") wanted.push(timelinePage.preload(), prefetchJson("events"));
// Data's answer needs only the catalogue and rule list (asked above); its tables load one by one after it.
if (first === "data") wanted.push(dataPage.preload());

function render(): void {
  const root = document.getElementById("root");
  if (!root) return;
  // Rendered at once, in this task, rather than in one React schedules: with the page's code and data in hand
  // there is nothing to wait for, and a scheduled task may queue behind others.
  const app = createRoot(root);
  flushSync(() =>
    app.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}

// Every page waits for its code and the data of its answer; whatever failed is asked again (and reported) by the page itself.
const settled = Promise.allSettled(wanted);
const timeout = new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
void Promise.race([settled, timeout]).then(render);
