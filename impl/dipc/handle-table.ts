// A process's handle table (§5.2, Table 2), like an fd table: a growable struct of arrays
// indexed by handle number. A handle is a domain (tag + permission), a grant or an entry.
// The ghost provenance of P1 rides along: the origin pid and the processes the handle was
// sent through, kept as a shared persistent list so that send and fork append in O(1).
import { ensure } from './growable';

export const H_DOM = 0;
export const H_GRANT = 1;
export const H_ENTRY = 2;

/** Handle permissions as ranks: owner > write > read > call (Table 2). */
export const HP_CALL = 1;
export const HP_READ = 2;
export const HP_WRITE = 3;
export const HP_OWNER = 4;

/** The `via` list, newest pid last; null is the empty list. Shared between copies, never mutated. */
export interface Via {
  readonly last: number;
  readonly before: Via | null;
}

export const viaAppend = (v: Via | null, pid: number): Via => ({ last: pid, before: v });

export const viaToArray = (v: Via | null): number[] => {
  const out: number[] = [];
  for (let c = v; c !== null; c = c.before) out.push(c.last);
  return out.reverse();
};

export class HandleTable {
  count = 0;
  kind = new Uint8Array(4);
  /** The tag (domain), grant id or entry id. */
  ref = new Int32Array(4);
  /** Permission rank of a domain handle. */
  perm = new Uint8Array(4);
  origin = new Int32Array(4);
  via: (Via | null)[] = [];
  /** How many times the arrays doubled (for the counters). */
  growths = 0;

  /** Append a handle; its index is the handle number. */
  add(kind: number, ref: number, perm: number, origin: number, via: Via | null): number {
    const i = this.count;
    if (i >= this.kind.length) {
      this.kind = ensure(this.kind, i + 1);
      this.ref = ensure(this.ref, i + 1);
      this.perm = ensure(this.perm, i + 1);
      this.origin = ensure(this.origin, i + 1);
      this.growths++;
    }
    this.kind[i] = kind;
    this.ref[i] = ref;
    this.perm[i] = perm;
    this.origin[i] = origin;
    this.via[i] = via;
    this.count = i + 1;
    return i;
  }

  /** fork: the same handles, each marked as passed on to the child (via + child). */
  forkedFor(child: number): HandleTable {
    const t = new HandleTable();
    t.count = this.count;
    t.kind = this.kind.slice();
    t.ref = this.ref.slice();
    t.perm = this.perm.slice();
    t.origin = this.origin.slice();
    t.via = new Array<Via | null>(this.count);
    for (let i = 0; i < this.count; i++) t.via[i] = viaAppend(this.via[i], child);
    return t;
  }
}
