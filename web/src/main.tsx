import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { parseHash } from "./route.js";
import { loadChips, loadRules } from "./rules-data.js";

// Start the first page's API requests while its code chunk is still loading.
const first = parseHash(window.location.hash).page;
if (first === "chips" || first === "data") {
  void loadChips().catch(() => {});
  void loadRules().catch(() => {});
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
