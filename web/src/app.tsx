import { type KeyboardEvent, lazy, Suspense, useRef } from "react";
import { PAGES, type Page } from "./route.js";
import { useRoute } from "./use-route.js";

// Each page is its own chunk, so the first page drawn does not wait for the others' code (the simulator's
// scenario schema, for one, only loads with the Scenarios page).
const ChipsPage = lazy(() => import("./pages/chips.js").then((m) => ({ default: m.ChipsPage })));
const GapPage = lazy(() => import("./pages/gap.js").then((m) => ({ default: m.GapPage })));
const ScenariosPage = lazy(() => import("./pages/scenarios.js").then((m) => ({ default: m.ScenariosPage })));
const TimelinePage = lazy(() => import("./pages/timeline.js").then((m) => ({ default: m.TimelinePage })));
const DataPage = lazy(() => import("./pages/data.js").then((m) => ({ default: m.DataPage })));

const LABELS: Record<Page, string> = {
  chips: "Chips",
  gap: "Gap",
  scenarios: "Scenarios",
  timeline: "Timeline",
  data: "Data",
};

/** App shell: title, a keyboard-operable tab bar (WAI-ARIA tabs pattern) and the current page. */
export function App() {
  const [route, go, setParams] = useRoute();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const i = PAGES.indexOf(route.page);
    let j = -1;
    if (e.key === "ArrowRight") j = (i + 1) % PAGES.length;
    else if (e.key === "ArrowLeft") j = (i - 1 + PAGES.length) % PAGES.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = PAGES.length - 1;
    if (j < 0) return;
    e.preventDefault();
    go(PAGES[j]!);
    tabs.current[j]?.focus();
  };
  return (
    <>
      <header className="top">
        <h1>Chokepoint</h1>
        <span className="sub">
          The US–China AI race under chip export controls — rules, compute, the observed gap, and what policy
          changes.
        </span>
      </header>
      <nav className="tabs" aria-label="Dashboard pages">
        <div className="tablist" role="tablist" aria-label="Pages" onKeyDown={onKey}>
          {PAGES.map((p, k) => (
            <button
              key={p}
              ref={(el) => {
                tabs.current[k] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${p}`}
              aria-selected={route.page === p}
              aria-controls={`panel-${p}`}
              tabIndex={route.page === p ? 0 : -1}
              onClick={() => go(p)}
            >
              {LABELS[p]}
            </button>
          ))}
        </div>
      </nav>
      <main
        id={`panel-${route.page}`}
        role="tabpanel"
        aria-labelledby={`tab-${route.page}`}
        data-page={route.page}
      >
        <Suspense fallback={<p className="status">Loading…</p>}>
          {route.page === "chips" && <ChipsPage />}
          {route.page === "gap" && <GapPage />}
          {route.page === "scenarios" && <ScenariosPage params={route.params} setParams={setParams} />}
          {route.page === "timeline" && <TimelinePage />}
          {route.page === "data" && <DataPage />}
        </Suspense>
      </main>
      <footer>
        Model data derived from Epoch AI (CC BY 4.0). Rule texts: US Federal Register. Every figure links its
        source; the same engine runs in the CLI, the API (<a href="api/v1/openapi.json">OpenAPI</a>) and this
        page.
      </footer>
    </>
  );
}
