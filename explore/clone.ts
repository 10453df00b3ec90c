// A deep copy of an impl machine's object graph (class instances keep their prototypes,
// typed arrays are copied, maps and shared references are preserved), so that the search
// steps each candidate op from a copy of the state instead of replaying the trace from
// boot. Only for the impl's own objects: plain data, typed arrays, arrays, maps and sets.
const copy = (v: unknown, memo: Map<object, unknown>): unknown => {
  if (typeof v !== 'object' || v === null) return v;
  const done = memo.get(v);
  if (done !== undefined) return done;
  if (ArrayBuffer.isView(v)) {
    const c = (v as unknown as { slice(): unknown }).slice();
    memo.set(v, c);
    return c;
  }
  if (Array.isArray(v)) {
    const c: unknown[] = new Array(v.length);
    memo.set(v, c);
    for (let i = 0; i < v.length; i++) c[i] = copy(v[i], memo);
    return c;
  }
  if (v instanceof Map) {
    const c = new Map();
    memo.set(v, c);
    for (const [k, x] of v) c.set(copy(k, memo), copy(x, memo));
    return c;
  }
  if (v instanceof Set) {
    const c = new Set();
    memo.set(v, c);
    for (const x of v) c.add(copy(x, memo));
    return c;
  }
  const c = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
  memo.set(v, c);
  for (const k of Object.keys(v)) c[k] = copy((v as Record<string, unknown>)[k], memo);
  return c;
};

/** A deep copy of `v`; objects in `shared` (the config) are kept, not copied. */
export const deepClone = <T>(v: T, shared: readonly object[] = []): T => {
  const memo = new Map<object, unknown>();
  for (const s of shared) memo.set(s, s);
  return copy(v, memo) as T;
};
