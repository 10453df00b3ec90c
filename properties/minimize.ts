// Trace minimisation after fast-check's shrinking: remove single ops until no single
// removal still fails (1-minimal), never trying the same candidate twice.
export const minimizeTrace = <Sc extends { readonly config: unknown; readonly ops: readonly unknown[] }>(sc: Sc, fails: (s: Sc) => boolean): Sc => {
  const tried = new Set<string>();
  let cur = sc;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < cur.ops.length; i++) {
      const cand = { ...cur, ops: cur.ops.filter((_, j) => j !== i) };
      const key = JSON.stringify(cand.ops);
      if (tried.has(key)) continue;
      tried.add(key);
      if (fails(cand)) {
        cur = cand;
        changed = true;
        i--;
      }
    }
  }
  return cur;
};
