// Ops name things by small indices resolved modulo what exists when the op runs, so that
// every op means something in every state and shrinking never makes an invalid trace.
// This is part of the op alphabet: spec and impl both resolve indices with it.

/** Resolve an index modulo `count`; anything that is not a safe integer resolves to 0. */
export const resolveIndex = (n: number, count: number): number => {
  if (count <= 0) return -1;
  if (!Number.isSafeInteger(n)) return 0;
  const r = n % count;
  return r < 0 ? r + count : r;
};

/** Clamp a value into a 32-bit signed machine word. Non-numbers become 0. */
export const toWord = (v: number): number => (Number.isFinite(v) ? v | 0 : 0);

/** An address is meaningful only as a safe integer; anything else faults as unmapped. */
export const isAddress = (a: number): boolean => Number.isSafeInteger(a);
