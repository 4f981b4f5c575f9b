/** A one-at-a-time gate for work that must not run concurrently (large batch classifications, classify.ts). */

/** `await g()` waits for its turn and returns the release (safe to call twice). Turns go in arrival order. */
export function gate(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let open!: () => void;
    const turn = new Promise<void>((r) => {
      open = r;
    });
    const before = tail;
    tail = tail.then(() => turn);
    await before;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        open();
      }
    };
  };
}
