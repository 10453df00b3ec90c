// A canonical hash of a machine's state, so that the search runs over states, not traces
// (docs/explore.md "Deduplication"). It walks the object graph of the impl itself: typed
// arrays are hashed word by word straight from their buffers, numbers, strings and
// booleans by value (-0 apart from 0), arrays in order, class instances field by field in
// their constructor's order, plain objects by sorted field name. No abstraction function
// runs. The walk is deterministic (each shared object hashed once, later meetings hash its
// first-visit number), so equal states reached by different traces hash equal; whatever
// differs (a cache line, the garbage past a table's count, a map's insertion order) makes
// states differ, which only merges fewer states: the hash never merges two states that
// behave differently, up to 64-bit collisions. Hashing an abstract state (the fallback for
// machines that are not the impl) is canonical: maps by key, whatever their insertion order.
//
// Counters that no transition reads are skipped (STAT_FIELDS): counting proxy landings,
// cache hits or CPU time would make every path its own state.

/**
 * Fields no step reads, only increments: the statistics of impl/dipc/machine.ts stats() and
 * impl/apl-cache.ts, and each process's cpuTime (impl/dipc/machine.ts charges one per op;
 * nothing reads it back; ACCT judges each op's increment, not the total). Two states that
 * differ only in them behave alike on every trace, so they are one state.
 */
export const STAT_FIELDS: ReadonlySet<string> = new Set(['landings', 'hits', 'misses', 'cpuTime']);

/** Two independent 32-bit lanes (FNV-1a and a murmur-style multiply-xorshift): a 64-bit hash. */
class Hasher {
  a = 0x811c9dc5 | 0;
  b = 0x2545f491 | 0;

  word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    const b = Math.imul(this.b + w, 0x5bd1e995);
    this.b = b ^ (b >>> 15);
  }

  num(v: number): void {
    if (Object.is(v, -0)) {
      this.word(2);
      this.str('-0');
      return;
    }
    if ((v | 0) === v && !Object.is(v, -0)) {
      this.word(v);
      return;
    }
    this.word(2);
    const s = String(v);
    this.str(s);
  }

  str(s: string): void {
    this.word(3);
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  key(): string {
    const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
    return `${hex(this.a)}${hex(this.b)}`;
  }
}

/**
 * The typed arrays one hash walk met, in visit order, with their two lanes. A search steps
 * every candidate on a copy of one state that it never steps itself (search.ts expandNode);
 * most arrays of a successor (the memory, the page tables) are byte for byte those of that
 * state. Hashing the successor with the state's record compares each array with the one met
 * at the same place in the state's walk (a native memcmp) and, when equal, takes its lanes
 * instead of folding every word again. Equal bytes give equal lanes, so the hash is the same
 * with or without a record; the record only saves time.
 */
export class TypedRecord {
  readonly arrays: ArrayBufferView[] = [];
  readonly lanes: number[] = [];
}

interface TypedContext {
  k: number;
  readonly into?: TypedRecord;
  readonly from?: TypedRecord;
}

/** Arrays below this many bytes are hashed, not compared: a compare would cost as much. */
const COMPARE_MIN_BYTES = 256;

const bytes = (v: ArrayBufferView): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** A typed array's words folded in two inline lanes (the hot loop: the machine's memory), then into the hasher. */
const hashTyped = (h: Hasher, v: ArrayBufferView, ctx?: TypedContext): void => {
  h.word(4);
  h.word(v.byteLength);
  if (ctx !== undefined) {
    const i = ctx.k++;
    const known = ctx.from?.arrays[i];
    if (known !== undefined && known.byteLength === v.byteLength && v.byteLength >= COMPARE_MIN_BYTES && bytes(known).equals(bytes(v))) {
      const a = (ctx.from as TypedRecord).lanes[2 * i];
      const b = (ctx.from as TypedRecord).lanes[2 * i + 1];
      h.word(a);
      h.word(b);
      if (ctx.into !== undefined) {
        ctx.into.arrays.push(v);
        ctx.into.lanes.push(a, b);
      }
      return;
    }
  }
  let x = 0x811c9dc5 | 0;
  let y = 0x2545f491 | 0;
  if (v.byteOffset % 4 === 0 && v.byteLength % 4 === 0) {
    const w = new Int32Array(v.buffer, v.byteOffset, v.byteLength / 4);
    for (let i = 0; i < w.length; i++) {
      const k = w[i];
      x = Math.imul(x ^ k, 0x01000193);
      y = Math.imul(y + k, 0x5bd1e995);
      y ^= y >>> 15;
    }
  } else {
    const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    for (let i = 0; i < b.length; i++) {
      const k = b[i];
      x = Math.imul(x ^ k, 0x01000193);
      y = Math.imul(y + k, 0x5bd1e995);
      y ^= y >>> 15;
    }
  }
  h.word(x);
  h.word(y);
  if (ctx?.into !== undefined) {
    ctx.into.arrays.push(v);
    ctx.into.lanes.push(x, y);
  }
};

const compareKeys = (a: unknown, b: unknown): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const walk = (h: Hasher, v: unknown, seen: Map<object, number>, canonical: boolean, ctx?: TypedContext): void => {
  switch (typeof v) {
    case 'number':
      h.num(v);
      return;
    case 'string':
      h.str(v);
      return;
    case 'boolean':
      h.word(v ? 5 : 6);
      return;
    case 'undefined':
      h.word(7);
      return;
    case 'bigint':
      h.str(`${v}n`);
      return;
    case 'function':
    case 'symbol':
      // Methods live on prototypes; a function-valued field is code, not state.
      h.word(8);
      return;
    default:
  }
  if (v === null) {
    h.word(9);
    return;
  }
  const o = v as object;
  const prev = seen.get(o);
  if (prev !== undefined) {
    h.word(10);
    h.word(prev);
    return;
  }
  // In the impl, which objects are shared is state (two fields naming one mutable table); in
  // immutable data (the canonical mode) it is not, and there are no cycles: hash by value.
  if (!canonical) seen.set(o, seen.size);
  if (ArrayBuffer.isView(o)) return hashTyped(h, o, ctx);
  if (Array.isArray(o)) {
    h.word(11);
    h.word(o.length);
    for (const x of o) walk(h, x, seen, canonical, ctx);
    return;
  }
  if (o instanceof Map) {
    h.word(12);
    h.word(o.size);
    // Plain data (an abstract state) is hashed canonically: entries by key, whatever order they were made in.
    const entries = canonical ? [...o].sort((a, b) => compareKeys(a[0], b[0])) : o;
    for (const [k, x] of entries) {
      walk(h, k, seen, canonical, ctx);
      walk(h, x, seen, canonical, ctx);
    }
    return;
  }
  if (o instanceof Set) {
    h.word(13);
    h.word(o.size);
    for (const x of o) walk(h, x, seen, canonical, ctx);
    return;
  }
  const proto = Object.getPrototypeOf(o) as unknown;
  if (proto === Object.prototype || proto === null) {
    // A plain object (an abstract state, a config): its fields by name, in sorted order.
    const keys = Object.keys(o).sort();
    h.word(15);
    h.word(keys.length);
    for (const k of keys) {
      if (STAT_FIELDS.has(k)) continue;
      h.str(k);
      walk(h, (o as Record<string, unknown>)[k], seen, canonical, ctx);
    }
    return;
  }
  // A class instance of the impl: its field names are its class's, set in its constructor's
  // order; its values, in that order, are its state.
  const keys = Object.keys(o);
  h.word(14);
  h.word(keys.length);
  for (const k of keys) {
    if (STAT_FIELDS.has(k)) continue;
    walk(h, (o as Record<string, unknown>)[k], seen, canonical, ctx);
  }
};

/**
 * Canonical hashes of immutable objects (abstract and spec states), by identity. A spec step
 * returns a new state that shares every part it did not change with the state before, so
 * hashing a successor walks only the path to what changed: each shared part is a memo hit.
 * Sound because canonical mode is only used on immutable data (the spec's states, the
 * abstraction's snapshots, which are never changed once handed out).
 */
const memo = new WeakMap<object, readonly [number, number]>();

/** Canonical walks never record visits (immutable data has no meaningful sharing): one empty map serves them all. */
const NO_VISITS = new Map<object, number>();

const walkMemo = (h: Hasher, v: unknown): void => {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return walk(h, v, NO_VISITS, true);
  let lanes = memo.get(v);
  if (lanes === undefined) {
    const sub = new Hasher();
    const o = v as object;
    if (Array.isArray(o)) {
      sub.word(11);
      sub.word(o.length);
      for (const x of o) walkMemo(sub, x);
    } else if (o instanceof Map) {
      sub.word(12);
      sub.word(o.size);
      for (const [k, x] of [...o].sort((a, b) => compareKeys(a[0], b[0]))) {
        walkMemo(sub, k);
        walkMemo(sub, x);
      }
    } else if (o instanceof Set) {
      sub.word(13);
      sub.word(o.size);
      for (const x of o) walkMemo(sub, x);
    } else {
      const keys = Object.keys(o).sort();
      sub.word(15);
      sub.word(keys.length);
      for (const k of keys) {
        if (STAT_FIELDS.has(k)) continue;
        sub.str(k);
        walkMemo(sub, (o as Record<string, unknown>)[k]);
      }
    }
    lanes = [sub.a, sub.b];
    memo.set(o, lanes);
  }
  h.word(16);
  h.word(lanes[0]);
  h.word(lanes[1]);
};

/** The canonical hash of a state (an impl object graph, or an abstract state as a fallback): 16 hex digits. */
export const stateHash = (state: unknown, skip?: ReadonlySet<unknown>, canonical = false, record?: { readonly into?: TypedRecord; readonly from?: TypedRecord }): string => {
  const h = new Hasher();
  if (canonical && skip === undefined) {
    walkMemo(h, state);
    return h.key();
  }
  const seen = new Map<object, number>();
  if (skip !== undefined) for (const s of skip) if (typeof s === 'object' && s !== null) seen.set(s, -1);
  walk(h, state, seen, canonical, record === undefined ? undefined : { k: 0, ...record });
  return h.key();
};
