/** Resolves with the first state of a zustand `store` that `test` accepts (at once if the current one does): tests wait on state, never on sleeps. */
export function whenState<S, T>(store: { getState(): S; subscribe(listener: (state: S) => void): () => void }, test: (state: S) => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const check = (state: S) => {
      const found = test(state);
      if (found === undefined) return;
      off();
      resolve(found);
    };
    const off = store.subscribe(check);
    check(store.getState());
  });
}
