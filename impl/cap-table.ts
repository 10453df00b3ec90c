// Capabilities (§4.2) as a struct-of-arrays derivation table; a capability's id is its row.
// Revocation is O(1) (§4.2 "revocation counters"): cap_revoke sets the node's revoked bit
// and bumps a global revocation epoch. A node remembers the epoch at which it was last
// found live; while no revocation has happened since, its validity costs one comparison.
// After a revocation the first check re-walks its ancestors (stopping at one already
// known live in this epoch) and marks it dead for good if any is revoked, so a revocation
// covers the whole derivation subtree at once.
export const KIND_SYNC = 0;
export const KIND_ASYNC = 1;
/** Marks "no parent" and "no owner". */
export const NONE = -1;

const INITIAL_CAPACITY = 64;

export class CapTable {
  count = 0;
  /** Float64: a base can be -0 when the op named address -0 (the spec keeps it). */
  base = new Float64Array(INITIAL_CAPACITY);
  length = new Int32Array(INITIAL_CAPACITY);
  /** RANK_READ or RANK_WRITE. */
  perm = new Uint8Array(INITIAL_CAPACITY);
  kind = new Uint8Array(INITIAL_CAPACITY);
  /** Owner thread of a sync capability, NONE for async ones (Float64: the thread may be -0). */
  owner = new Float64Array(INITIAL_CAPACITY);
  parent = new Int32Array(INITIAL_CAPACITY);
  creatorTag = new Float64Array(INITIAL_CAPACITY);
  /** Set on exactly the nodes cap_revoke named. */
  revoked = new Uint8Array(INITIAL_CAPACITY);
  /** Cached: the node or an ancestor is revoked (revocation is permanent). */
  dead = new Uint8Array(INITIAL_CAPACITY);
  /** Cached: the revocation epoch at which the node was last found live. */
  liveAt = new Float64Array(INITIAL_CAPACITY);
  /** Bumped by every revocation. */
  epoch = 0;

  /** A new node; its creator checked the parent live in this epoch, so it starts live. */
  add(parent: number, base: number, length: number, perm: number, kind: number, owner: number, creatorTag: number): number {
    const id = this.allocateId();
    while (id >= this.base.length) this.grow();
    this.base[id] = base;
    this.length[id] = length;
    this.perm[id] = perm;
    this.kind[id] = kind;
    this.owner[id] = owner;
    this.parent[id] = parent;
    this.creatorTag[id] = creatorTag;
    this.revoked[id] = 0;
    this.dead[id] = 0;
    this.liveAt[id] = this.epoch;
    return id;
  }

  /** Ids are creation order. */
  protected allocateId(): number {
    return this.count++;
  }

  /** Neither the node nor any ancestor is revoked. */
  isLive(id: number): boolean {
    if (this.dead[id]) return false;
    const epoch = this.epoch;
    if (this.liveAt[id] === epoch) return true;
    for (let cur = id; cur !== NONE; cur = this.parent[cur]) {
      if (this.revoked[cur] || this.dead[cur]) {
        this.dead[id] = 1;
        return false;
      }
      if (this.liveAt[cur] === epoch) break;
    }
    this.liveAt[id] = epoch;
    return true;
  }

  /** A register value (id or -1) thread t may use: present, live, async or t's own. */
  usableBy(id: number, t: number): boolean {
    return id >= 0 && this.isLive(id) && (this.kind[id] === KIND_ASYNC || this.owner[id] === t);
  }

  covers(id: number, a: number): boolean {
    return a >= this.base[id] && a < this.base[id] + this.length[id];
  }

  /** Whether the node grants `need` (a rank) at `a` to thread t. */
  grants(id: number, t: number, a: number, need: number): boolean {
    return this.perm[id] >= need && this.covers(id, a) && this.usableBy(id, t);
  }

  /** O(1): the bit on the node, and a new epoch so cached validity is re-checked. */
  revoke(id: number): void {
    this.revoked[id] = 1;
    this.dead[id] = 1;
    this.epoch++;
  }

  protected grow(): void {
    const n = this.base.length * 2;
    const widen = <A extends Float64Array | Int32Array | Uint8Array>(old: A, make: (n: number) => A): A => {
      const next = make(n);
      next.set(old as never);
      return next;
    };
    this.base = widen(this.base, (k) => new Float64Array(k));
    this.length = widen(this.length, (k) => new Int32Array(k));
    this.perm = widen(this.perm, (k) => new Uint8Array(k));
    this.kind = widen(this.kind, (k) => new Uint8Array(k));
    this.owner = widen(this.owner, (k) => new Float64Array(k));
    this.parent = widen(this.parent, (k) => new Int32Array(k));
    this.creatorTag = widen(this.creatorTag, (k) => new Float64Array(k));
    this.revoked = widen(this.revoked, (k) => new Uint8Array(k));
    this.dead = widen(this.dead, (k) => new Uint8Array(k));
    this.liveAt = widen(this.liveAt, (k) => new Float64Array(k));
  }
}
