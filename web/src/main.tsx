import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { parseHash } from "./route.js";
import { loadChips, loadRegions, loadRules, pickDefaultRule } from "./rules-data.js";

// Start the first page's API requests while its code chunk is still loading.
const first = parseHash(window.location.hash).page;
if (first === "chips" || first === "data") {
  void loadChips().catch(() => {});
  void loadRules()
    .then((rules) => {
      const rule = first === "chips" ? pickDefaultRule(rules) : undefined;
      if (rule) void loadRegions(rule.id, true).catch(() => {});
    })
    .catch(() => {});
}
// Fetch the Chips page's code alongside the app shell rather than after it renders (same module as its lazy()).
if (first === "chips") void import("./pages/chips.js").catch(() => {});

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
