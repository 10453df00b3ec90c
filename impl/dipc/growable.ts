// Growable typed arrays: the kernel's tables (handles, grants, the ledger) start small and
// double when full, so appending is O(1) amortised and the hot fields stay in flat arrays.
type Typed = Int32Array | Uint8Array | Float64Array;

/** `old` copied into an array of at least `need` elements (doubling), or `old` itself when it fits. */
export const ensure = <A extends Typed>(old: A, need: number): A => {
  if (need <= old.length) return old;
  let n = Math.max(4, old.length);
  while (n < need) n *= 2;
  const next = new (old.constructor as new (n: number) => A)(n);
  next.set(old as never);
  return next;
};
