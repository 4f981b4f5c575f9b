import { useEffect, useState } from "react";
import { errorText } from "./api.js";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ok"; value: T };

/** Runs an async loader when deps change; ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly (string | number | boolean)[]): Loaded<T> {
  const [v, setV] = useState<Loaded<T>>({ state: "loading" });
  // The loader closes over the deps, so a change of deps (as one key) is what should re-run it.
  const key = deps.map(String).join("\u0000");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the caller's deps; `load` changes every render
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
  }, [key]);
  return v;
}
