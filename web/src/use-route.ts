import { useCallback, useEffect, useState } from "react";
import { formatHash, type Page, parseHash, type Route } from "./route.js";

/** The current hash route, re-rendering on hashchange (back/forward, pasted links). */
export function useRoute(): [Route, (page: Page) => void, (params: URLSearchParams) => void] {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  const go = useCallback((page: Page) => {
    window.location.hash = formatHash({ page, params: new URLSearchParams() });
  }, []);
  // Page state changes replace the history entry: dragging a slider should not fill the back button.
  const setParams = useCallback((params: URLSearchParams) => {
    const next = { page: parseHash(window.location.hash).page, params };
    const hash = formatHash(next);
    if (hash !== window.location.hash) window.history.replaceState(null, "", hash);
    setRoute(next);
  }, []);
  return [route, go, setParams];
}
