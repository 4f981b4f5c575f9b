import { useEffect, useRef, useState } from "react";
import { errorText } from "./api.js";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ok"; value: T };

/**
 * Runs an async loader when deps change; ignores answers that arrive after a newer request.
 *
 * `peek`, when given, returns the answer for the current deps if it is already at hand (a memoised request that
 * has settled, say one started before the page's code arrived). The hook then answers it in the same render, so
 * the page draws once with the data instead of once loading and again after an effect.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly (string | number | boolean)[],
  peek?: () => T | undefined,
): Loaded<T> {
  // The loader closes over the deps, so a change of deps (as one key) is what should re-run it.
  const key = deps.map(String).join("\u0000");
  // The last answer peek gave, kept so that one answer is always the same object (callers memoise on it).
  const peeked = useRef<{ key: string; loaded: Loaded<T> } | null>(null);
  const ready = (): Loaded<T> | null => {
    const value = peek?.();
    if (value === undefined) return null;
    const last = peeked.current;
    if (last?.key === key && last.loaded.state === "ok" && last.loaded.value === value) return last.loaded;
    peeked.current = { key, loaded: { state: "ok", value } };
    return peeked.current.loaded;
  };
  const [v, setV] = useState<{ key: string; loaded: Loaded<T> }>(() => ({
    key,
    loaded: ready() ?? { state: "loading" },
  }));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's deps; `load` changes every render
  useEffect(() => {
    const now = ready();
    if (now) {
      setV((old) => (old.key === key && old.loaded === now ? old : { key, loaded: now }));
      return;
    }
    let live = true;
    setV({ key, loaded: { state: "loading" } });
    load().then(
      (value) => live && setV({ key, loaded: { state: "ok", value } }),
      (e) => live && setV({ key, loaded: { state: "error", message: errorText(e) } }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  // Deps changed and the effect has not run yet: an answer already at hand beats the previous one.
  if (v.key !== key) return ready() ?? v.loaded;
  return v.loaded;
}
