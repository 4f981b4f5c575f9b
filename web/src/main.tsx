import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { App, chipsPage } from "./app.js";
import { LANG } from "./i18n.js";
import { parseHash } from "./route.js";
import { loadChips, loadRegime, loadRegions, loadRules, pickDefaultRule } from "./rules-data.js";
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

// Only the Chips page waits for its data; whatever failed is asked again (and reported) by the page itself.
const settled = Promise.allSettled(wanted);
const timeout = new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
void (first === "chips" ? Promise.race([settled, timeout]) : Promise.resolve()).then(render);
