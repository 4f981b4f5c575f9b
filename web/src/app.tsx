import {
  type ComponentType,
  type KeyboardEvent,
  lazy,
  type LazyExoticComponent,
  Suspense,
  useRef,
  useState,
} from "react";
import { PAGES, type Page } from "./route.js";
import { useRoute } from "./use-route.js";

/** A page whose code is its own chunk; `preload()` starts fetching it before the page is first rendered. */
export interface LazyPage<P> {
  /** The page component once its chunk has arrived. */
  ready: ComponentType<P> | null;
  /** The same component through React.lazy, for a render that happens before it arrives. */
  Lazy: LazyExoticComponent<ComponentType<P>>;
  preload(): Promise<ComponentType<P>>;
}

/**
 * Each page is its own chunk, so the first page drawn does not wait for the others' code (the simulator's
 * scenario schema, for one, only loads with the Scenarios page). Unlike a bare lazy(), a page whose chunk has
 * already arrived (main.tsx preloads the first page) renders at once, without a suspended render first.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let pending: Promise<ComponentType<P>> | null = null;
  const page: LazyPage<P> = {
    ready: null,
    Lazy: lazy(() => page.preload().then((c) => ({ default: c }))),
    preload: () => {
      pending ??= load().then(
        (c) => {
          page.ready = c;
          return c;
        },
        (e) => {
          pending = null;
          throw e;
        },
      );
      return pending;
    },
  };
  return page;
}

/** Renders a lazy page; each mounted instance keeps the component it started with, so it never remounts. */
function PageView<P extends object>({ page, props }: { page: LazyPage<P>; props: P }) {
  const [Ready] = useState(() => page.ready);
  return Ready ? <Ready {...props} /> : <page.Lazy {...props} />;
}

export const chipsPage = lazyPage(() => import("./pages/chips.js").then((m) => m.ChipsPage));
const gapPage = lazyPage(() => import("./pages/gap.js").then((m) => m.GapPage));
const scenariosPage = lazyPage(() => import("./pages/scenarios.js").then((m) => m.ScenariosPage));
const timelinePage = lazyPage(() => import("./pages/timeline.js").then((m) => m.TimelinePage));
const dataPage = lazyPage(() => import("./pages/data.js").then((m) => m.DataPage));

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
          {route.page === "chips" && <PageView page={chipsPage} props={{}} />}
          {route.page === "gap" && <PageView page={gapPage} props={{}} />}
          {route.page === "scenarios" && (
            <PageView page={scenariosPage} props={{ params: route.params, setParams }} />
          )}
          {route.page === "timeline" && <PageView page={timelinePage} props={{}} />}
          {route.page === "data" && <PageView page={dataPage} props={{}} />}
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
