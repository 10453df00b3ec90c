// The abstraction function α: the spec's canonical state that the impl's arrays stand for.
// This is the one bridge between impl/ and spec/ (STYLE "In this project"). Canonical
// form: memory holds only non-zero words, capMemory only filled slots, the APL map only
// present entries; capability ids are table rows; `revoked` is the bit cap_revoke set.
// The APL cache and the revocation epochs are invisible here: they are only allowed to
// make the impl faster, never to change what it does.
//
// Incremental (issue 14, "Checking at the machine's speed"): a CodomsAbstractor belongs to
// one machine and keeps a shadow copy of every array it last read. Each call compares the
// impl's arrays with the shadow (a tight loop over typed arrays, no allocation) and rebuilds
// only the pages, APL, memory words, capabilities and threads that changed; everything else
// is the SAME object as in the previous snapshot, so diffs of unchanged parts are free
// (refinement/diff.ts). Snapshots stay immutable: a changed part is a new object, never an
// update of an old one. The impl is not asked to track anything, so every mutant (mutants/)
// is abstracted exactly as before; `abstractImpl` (a fresh abstractor) is the from-scratch α.
import { type AplPerm, NUM_CAP_REGS, NUM_REGS } from '../alphabet/config';
import type { CodomsMachine } from '../impl/machine';
import { KIND_SYNC, NONE } from '../impl/cap-table';
import { PG_CAP_STORE, PG_EXEC, PG_MAPPED, PG_PRIV, PG_READ, PG_WRITE } from '../impl/page-table';
import type { CapId, CapNode } from '../spec/state/capabilities';
import type { SpecState } from '../spec/state/machine';
import type { Page } from '../spec/state/pages';
import type { ThreadState } from '../spec/state/threads';

const APL_PERM_OF_RANK: readonly (AplPerm | undefined)[] = [undefined, 'call', 'read', 'write'];

const capRef = (id: number): CapId | null => (id < 0 ? null : id);

/** Float64 equality as the spec's deep equality sees it: -0 and 0 differ. */
const sameF = (a: number, b: number): boolean => a === b && (a !== 0 || 1 / a === 1 / b);

type Num = Float64Array | Int32Array | Uint8Array;

// One loop per element kind, so that each stays monomorphic (a loop over mixed kinds of typed
// array costs several times more per element in V8).
const sameF64 = (a: Float64Array, b: Float64Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!sameF(a[i], b[i])) return false;
  return true;
};
const sameI32 = (a: Int32Array, b: Int32Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
};
const sameU8 = (a: Uint8Array, b: Uint8Array, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Whether a[from, to) equals b[from, to); a and b are of one kind. */
const sameRange = (a: Num, b: Num, from: number, to: number): boolean =>
  a instanceof Float64Array ? sameF64(a, b as Float64Array, from, to) : a instanceof Int32Array ? sameI32(a, b as Int32Array, from, to) : sameU8(a as Uint8Array, b as Uint8Array, from, to);

const views = new WeakMap<Num, Buffer>();
const bytesOf = (a: Num): Buffer => {
  let v = views.get(a);
  if (v === undefined) views.set(a, (v = Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  return v;
};

/**
 * Whether the first n elements of a and b (of one kind) are equal: byte for byte (memcmp)
 * when long, which is exact (-0 and 0 differ; a NaN counts as changed, which only rebuilds).
 */
export const sameHead = (a: Num, b: Num, n: number): boolean => {
  if (n <= 256) return sameRange(a, b, 0, n);
  if (n === a.length && n === b.length) return bytesOf(a).equals(bytesOf(b));
  const k = n * a.BYTES_PER_ELEMENT;
  return bytesOf(a).compare(bytesOf(b), 0, k, 0, k) === 0;
};

/** A shadow of the first n elements of `src`, of the same kind. */
const copyOf = <A extends Num>(src: A, n: number): A => src.slice(0, n) as A;

const pageOf = (tag: number, f: number): Page => ({
  mapped: (f & PG_MAPPED) !== 0,
  tag,
  read: (f & PG_READ) !== 0,
  write: (f & PG_WRITE) !== 0,
  exec: (f & PG_EXEC) !== 0,
  priv: (f & PG_PRIV) !== 0,
  capStore: (f & PG_CAP_STORE) !== 0,
});

interface Shadow {
  readonly state: SpecState;
  readonly pageTag: Float64Array;
  readonly pageFlags: Uint8Array;
  /** The impl's APL row objects last seen (rows of a sparse table share one zero row), and a copy of each distinct row's contents. */
  readonly aplRefs: Uint8Array[];
  readonly aplCopies: Map<Uint8Array, { copy: Uint8Array; pass: number }>;
  aplPass: number;
  /** When every row is a view into one numDomains² matrix (apl-table.ts, up to 1024 domains): that matrix and a copy of it. */
  readonly aplMatrix: { readonly rows: Uint8Array; readonly copy: Uint8Array } | null;
  readonly words: Int32Array;
  readonly capSlots: Int32Array;
  readonly caps: { count: number; base: Float64Array; length: Int32Array; perm: Uint8Array; kind: Uint8Array; owner: Float64Array; parent: Int32Array; creatorTag: Float64Array; revoked: Uint8Array };
  readonly th: { ip: Float64Array; regs: Int32Array; capRegs: Int32Array; dcs: Int32Array; dcsTop: Int32Array; dcsBase: Float64Array; cpu: Float64Array; faults: Float64Array };
}

const capNodeOf = (c: CodomsMachine['caps'], id: number): CapNode => {
  const sync = c.kind[id] === KIND_SYNC;
  return {
    parent: c.parent[id] === NONE ? null : c.parent[id],
    base: c.base[id],
    length: c.length[id],
    perm: c.perm[id] === 3 ? 'write' : 'read',
    kind: sync ? 'sync' : 'async',
    owner: sync ? c.owner[id] : null,
    creatorTag: c.creatorTag[id],
    revoked: c.revoked[id] !== 0,
  };
};

const threadOf = (th: CodomsMachine['threads'], t: number): ThreadState => {
  const dcs: (CapId | null)[] = [];
  for (let i = 0; i < th.dcsTop[t]; i++) dcs.push(capRef(th.dcs[t * th.dcsSize + i]));
  const regs: number[] = [];
  for (let i = t * NUM_REGS; i < (t + 1) * NUM_REGS; i++) regs.push(th.regs[i]);
  const capRegs: (CapId | null)[] = [];
  for (let i = t * NUM_CAP_REGS; i < (t + 1) * NUM_CAP_REGS; i++) capRegs.push(capRef(th.capRegs[i]));
  return {
    ip: th.ip[t],
    regs,
    capRegs,
    dcs,
    dcsBase: th.dcsBase[t],
    cpu: th.cpu[t],
    faults: th.faults[t],
  };
};

/** Sorted addresses at which a and b differ. */
const changedWords = (a: Int32Array, b: Int32Array): number[] => {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
};

/**
 * The map of `prev` (ascending keys, as α builds it) with the changed addresses updated from
 * `now`; keys stay ascending, so iteration order is what a from-scratch α gives.
 */
const mergeWords = (prev: ReadonlyMap<number, number>, changed: readonly number[], now: Int32Array, present: (v: number) => boolean): Map<number, number> => {
  const out = new Map<number, number>();
  let j = 0;
  for (const [a, v] of prev) {
    while (j < changed.length && changed[j] < a) {
      const c = changed[j++];
      if (present(now[c])) out.set(c, now[c]);
    }
    if (j < changed.length && changed[j] === a) {
      j++;
      if (present(now[a])) out.set(a, now[a]);
    } else out.set(a, v);
  }
  while (j < changed.length) {
    const c = changed[j++];
    if (present(now[c])) out.set(c, now[c]);
  }
  return out;
};

/** The memory-like map over `now` (its entries where `present`), from `prev` built over `shadow`, which is brought up to date. */
const wordsOf = (now: Int32Array, shadow: Int32Array, prev: ReadonlyMap<number, number>, present: (v: number) => boolean): ReadonlyMap<number, number> => {
  if (sameHead(now, shadow, now.length)) return prev;
  const changed = changedWords(now, shadow);
  if (changed.length === 0) return prev;
  for (const a of changed) shadow[a] = now[a];
  return mergeWords(prev, changed, now, present);
};

const nonZero = (v: number): boolean => v !== 0;
const filled = (v: number): boolean => v >= 0;

/** α for one machine, rebuilt incrementally from the previous snapshot (see the header). */
export class CodomsAbstractor {
  private last: Shadow | null = null;

  abstract(m: CodomsMachine): SpecState {
    const s = this.last;
    if (s === null) return this.full(m);
    const pages = this.pagesOf(m, s);
    const apl = this.aplOf(m, s);
    const memory = wordsOf(m.memory.words, s.words, s.state.memory, nonZero);
    const capMemory = wordsOf(m.memory.capSlots, s.capSlots, s.state.capMemory, filled);
    const caps = this.capsOf(m, s);
    const threads = this.threadsOf(m, s);
    const p = s.state;
    const state =
      pages === p.pages && apl === p.apl && memory === p.memory && capMemory === p.capMemory && caps === p.caps && threads === p.threads
        ? p
        : { wordsPerPage: p.wordsPerPage, entryAlign: p.entryAlign, numDomains: p.numDomains, numCpus: p.numCpus, dcsSize: p.dcsSize, pages, apl, memory, capMemory, caps, threads };
    if (state !== p) this.last = { ...s, state };
    return state;
  }

  private full(m: CodomsMachine): SpecState {
    const pg = m.pages;
    const pages: Page[] = [];
    for (let p = 0; p < pg.count; p++) pages.push(pageOf(pg.tag[p], pg.flags[p]));
    const memory = new Map<number, number>();
    const capMemory = new Map<number, CapId>();
    const { words, capSlots } = m.memory;
    for (let a = 0; a < words.length; a++) {
      if (words[a] !== 0) memory.set(a, words[a]);
      if (capSlots[a] >= 0) capMemory.set(a, capSlots[a]);
    }
    const caps: CapNode[] = [];
    for (let id = 0; id < m.caps.count; id++) caps.push(capNodeOf(m.caps, id));
    const threads: ThreadState[] = [];
    for (let t = 0; t < m.threads.count; t++) threads.push(threadOf(m.threads, t));
    const state: SpecState = {
      wordsPerPage: m.wordsPerPage,
      entryAlign: m.entryAlign,
      numDomains: m.numDomains,
      numCpus: m.numCpus,
      dcsSize: m.dcsSize,
      pages,
      apl: aplMapOf(m),
      memory,
      capMemory,
      caps,
      threads,
    };
    const c = m.caps;
    const n = c.count;
    const th = m.threads;
    this.last = {
      state,
      pageTag: copyOf(pg.tag, pg.count),
      pageFlags: copyOf(pg.flags, pg.count),
      aplRefs: m.apl.rows.slice(),
      aplCopies: new Map(m.apl.rows.map((r) => [r, { copy: r.slice(), pass: 0 }])),
      aplPass: 0,
      aplMatrix: matrixOf(m.apl.rows),
      words: words.slice(),
      capSlots: capSlots.slice(),
      caps: {
        count: n, base: copyOf(c.base, n), length: copyOf(c.length, n), perm: copyOf(c.perm, n), kind: copyOf(c.kind, n),
        owner: copyOf(c.owner, n), parent: copyOf(c.parent, n), creatorTag: copyOf(c.creatorTag, n), revoked: copyOf(c.revoked, n),
      },
      th: {
        ip: th.ip.slice(), regs: th.regs.slice(), capRegs: th.capRegs.slice(), dcs: th.dcs.slice(), dcsTop: th.dcsTop.slice(),
        dcsBase: th.dcsBase.slice(), cpu: th.cpu.slice(), faults: th.faults.slice(),
      },
    };
    return state;
  }

  private pagesOf(m: CodomsMachine, s: Shadow): readonly Page[] {
    const { tag, flags, count } = m.pages;
    if (sameHead(tag, s.pageTag, count) && sameHead(flags, s.pageFlags, count)) return s.state.pages;
    let out: Page[] | null = null;
    for (let p = 0; p < count; p++) {
      if (sameF(tag[p], s.pageTag[p]) && flags[p] === s.pageFlags[p]) continue;
      out ??= s.state.pages.slice();
      out[p] = pageOf(tag[p], flags[p]);
      s.pageTag[p] = tag[p];
      s.pageFlags[p] = flags[p];
    }
    return out ?? s.state.pages;
  }

  private aplOf(m: CodomsMachine, s: Shadow): ReadonlyMap<number, AplPerm> {
    const rows = m.apl.rows;
    const mx = s.aplMatrix;
    if (mx !== null && sameRows(rows, s.aplRefs)) {
      if (sameHead(mx.rows, mx.copy, mx.copy.length)) return s.state.apl;
      mx.copy.set(mx.rows);
      return aplMapOf(m);
    }
    const pass = ++s.aplPass;
    let changed = false;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (s.aplRefs[r] !== row) {
        s.aplRefs[r] = row;
        changed = true;
      }
      const seen = s.aplCopies.get(row);
      if (seen === undefined) {
        s.aplCopies.set(row, { copy: row.slice(), pass });
        changed = true;
        continue;
      }
      if (seen.pass === pass) continue;
      seen.pass = pass;
      if (!sameU8(row, seen.copy, 0, row.length)) {
        seen.copy.set(row);
        changed = true;
      }
    }
    return changed ? aplMapOf(m) : s.state.apl;
  }

  private capsOf(m: CodomsMachine, s: Shadow): readonly CapNode[] {
    const c = m.caps;
    const sh = s.caps;
    const n = c.count;
    const prev = s.state.caps;
    if (
      n === sh.count && sameHead(c.revoked, sh.revoked, n) && sameHead(c.base, sh.base, n) && sameHead(c.length, sh.length, n) &&
      sameHead(c.parent, sh.parent, n) && sameHead(c.perm, sh.perm, n) && sameHead(c.kind, sh.kind, n) && sameHead(c.owner, sh.owner, n) &&
      sameHead(c.creatorTag, sh.creatorTag, n)
    )
      return prev;
    let out: CapNode[] | null = n === sh.count ? null : prev.slice(0, n);
    const common = Math.min(n, sh.count);
    for (let id = 0; id < common; id++) {
      if (
        sameF(c.base[id], sh.base[id]) && c.length[id] === sh.length[id] && c.perm[id] === sh.perm[id] && c.kind[id] === sh.kind[id] &&
        sameF(c.owner[id], sh.owner[id]) && c.parent[id] === sh.parent[id] && sameF(c.creatorTag[id], sh.creatorTag[id]) && c.revoked[id] === sh.revoked[id]
      )
        continue;
      out ??= prev.slice();
      out[id] = capNodeOf(c, id);
    }
    if (out === null) return prev;
    for (let id = common; id < n; id++) out[id] = capNodeOf(c, id);
    s.caps.count = n;
    s.caps.base = copyOf(c.base, n);
    s.caps.length = copyOf(c.length, n);
    s.caps.perm = copyOf(c.perm, n);
    s.caps.kind = copyOf(c.kind, n);
    s.caps.owner = copyOf(c.owner, n);
    s.caps.parent = copyOf(c.parent, n);
    s.caps.creatorTag = copyOf(c.creatorTag, n);
    s.caps.revoked = copyOf(c.revoked, n);
    return out;
  }

  private threadsOf(m: CodomsMachine, s: Shadow): readonly ThreadState[] {
    const th = m.threads;
    const sh = s.th;
    const D = th.dcsSize;
    let out: ThreadState[] | null = null;
    for (let t = 0; t < th.count; t++) {
      const top = th.dcsTop[t];
      if (
        sameF(th.ip[t], sh.ip[t]) && top === sh.dcsTop[t] && sameF(th.dcsBase[t], sh.dcsBase[t]) && sameF(th.cpu[t], sh.cpu[t]) &&
        sameF(th.faults[t], sh.faults[t]) && sameI32(th.regs, sh.regs, t * NUM_REGS, (t + 1) * NUM_REGS) &&
        sameI32(th.capRegs, sh.capRegs, t * NUM_CAP_REGS, (t + 1) * NUM_CAP_REGS) && sameI32(th.dcs, sh.dcs, t * D, t * D + top)
      )
        continue;
      out ??= s.state.threads.slice();
      out[t] = threadOf(th, t);
      sh.ip[t] = th.ip[t];
      sh.dcsTop[t] = top;
      sh.dcsBase[t] = th.dcsBase[t];
      sh.cpu[t] = th.cpu[t];
      sh.faults[t] = th.faults[t];
      sh.regs.set(th.regs.subarray(t * NUM_REGS, (t + 1) * NUM_REGS), t * NUM_REGS);
      sh.capRegs.set(th.capRegs.subarray(t * NUM_CAP_REGS, (t + 1) * NUM_CAP_REGS), t * NUM_CAP_REGS);
      sh.dcs.set(th.dcs.subarray(t * D, (t + 1) * D), t * D);
    }
    return out ?? s.state.threads;
  }
}

/** The one matrix all rows are consecutive views of, or null (a sparse table). */
const matrixOf = (rows: readonly Uint8Array[]): Shadow['aplMatrix'] => {
  const n = rows.length;
  if (n === 0) return null;
  const first = rows[0];
  for (let r = 0; r < n; r++) if (rows[r].buffer !== first.buffer || rows[r].byteOffset !== first.byteOffset + r * n || rows[r].length !== n) return null;
  const all = new Uint8Array(first.buffer, first.byteOffset, n * n);
  return { rows: all, copy: all.slice() };
};

const sameRows = (a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean => {
  for (let r = 0; r < a.length; r++) if (a[r] !== b[r]) return false;
  return true;
};

const aplMapOf = (m: CodomsMachine): Map<number, AplPerm> => {
  const apl = new Map<number, AplPerm>();
  m.apl.forEachEntry((src, dst, rank) => {
    const perm = APL_PERM_OF_RANK[rank];
    if (perm !== undefined) apl.set(src * m.numDomains + dst, perm);
  });
  return apl;
};

/** α from scratch (no previous snapshot): the reference the incremental abstractor must agree with. */
export const abstractImpl = (m: CodomsMachine): SpecState => new CodomsAbstractor().abstract(m);
