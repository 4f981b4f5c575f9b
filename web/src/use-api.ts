import { useEffect, useState } from "react";
import { errorText } from "./api.js";

export type Loaded<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ok"; value: T };

/** Runs an async loader when deps change; ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [v, setV] = useState<Loaded<T>>({ state: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the deps
  useEffect(() => {
    let live = true;
    setV({ state: "loading" });
    load().then(
      (value) => live && setV({ state: "ok", value }),
      (e) => live && setV({ state: "error", message: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return v;
}
