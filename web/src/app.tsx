import {
  type ComponentType,
  type KeyboardEvent,
  lazy,
  type LazyExoticComponent,
  Suspense,
  useRef,
  useState,
} from "react";
import { BAD_LANG, LANG, switchUrl, t } from "./i18n.js";
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
export const gapPage = lazyPage(() => import("./pages/gap.js").then((m) => m.GapPage));
export const scenariosPage = lazyPage(() => import("./pages/scenarios.js").then((m) => m.ScenariosPage));
export const timelinePage = lazyPage(() => import("./pages/timeline.js").then((m) => m.TimelinePage));
export const dataPage = lazyPage(() => import("./pages/data.js").then((m) => m.DataPage));

const LABELS: Record<Page, string> = {
  chips: t("Chips"),
  gap: t("Gap"),
  scenarios: t("Scenarios"),
  timeline: t("Timeline"),
  data: t("Data"),
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
          {t(
            "The US–China AI race under chip export controls — rules, compute, the observed gap, and what policy changes.",
          )}
        </span>
        <a
          className="lang-switch"
          href={switchUrl(LANG === "en" ? "zh-CN" : "en")}
          lang={LANG === "en" ? "zh-CN" : "en"}
        >
          {LANG === "en" ? "简体中文" : "English"}
        </a>
      </header>
      {BAD_LANG !== null && (
        <p className="error" role="alert" data-testid="bad-lang">
          {t("This link's lang={value} is not a language of this dashboard (en, zh-CN); showing English.", {
            value: BAD_LANG,
          })}
        </p>
      )}
      <nav className="tabs" aria-label={t("Dashboard pages")}>
        <div className="tablist" role="tablist" aria-label={t("Pages")} onKeyDown={onKey}>
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
        <Suspense fallback={<p className="status">{t("Loading…")}</p>}>
          {route.page === "chips" && (
            <PageView page={chipsPage} props={{ params: route.params, setParams }} />
          )}
          {route.page === "gap" && <PageView page={gapPage} props={{ params: route.params, setParams }} />}
          {route.page === "scenarios" && (
            <PageView page={scenariosPage} props={{ params: route.params, setParams }} />
          )}
          {route.page === "timeline" && (
            <PageView page={timelinePage} props={{ params: route.params, setParams }} />
          )}
          {route.page === "data" && <PageView page={dataPage} props={{}} />}
        </Suspense>
      </main>
      <footer>
        {t(
          "Model and hardware data derived from Epoch AI (CC BY 4.0). Rule texts: US Federal Register. Every figure links its source; the same engine runs in the CLI, the API and this page.",
        )}{" "}
        <a href="api/v1/openapi.json">OpenAPI</a>
      </footer>
    </>
  );
}
