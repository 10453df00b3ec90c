// Capability instructions (§4.2): create from the APL, derive from a register, clear,
// revoke, and moving capabilities between registers, the DCS and capability-storage pages.
// The ladders follow the spec's rung order; derivation rules that a buggy design could get
// wrong (permission monotonicity, what may be stored) are protected predicates.
import type { AddrSel } from '../alphabet/address';
import { type CapKind, type CapPerm, DEFAULTS, NUM_CAP_REGS } from '../alphabet/config';
import { fault, ok, type Output } from '../alphabet/output';
import { KIND_ASYNC, KIND_SYNC, NONE } from './cap-table';
import { idx, RANK_READ, RANK_WRITE } from './indices';
import { Instructions } from './instructions';

const rankOf = (p: CapPerm): number => (p === 'write' ? RANK_WRITE : RANK_READ);
const kindOf = (k: CapKind): number => (k === 'sync' ? KIND_SYNC : KIND_ASYNC);

export class CapInstructions extends Instructions {
  /** The capability register slot of thread t named by c. */
  protected capReg(t: number, c: number): number {
    return t * NUM_CAP_REGS + idx(c, NUM_CAP_REGS);
  }

  /** cap_create: fetch, capBounds (1 <= len <= maxCapPages pages), then the range through the APL. */
  protected capCreate(t: number, c: number, sel: AddrSel, len: number, perm: CapPerm, kind: CapKind): Output {
    const a = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const safe = Number.isSafeInteger(a);
    if (!(safe && len >= 1 && len <= DEFAULTS.maxCapPages * this.wordsPerPage)) return fault('capBounds', safe ? a : null);
    const rank = rankOf(perm);
    const f = this.checkRangeFromApl(t, from, a, len, rank);
    if (f !== null) return f;
    const k = kindOf(kind);
    this.threads.capRegs[this.capReg(t, c)] = this.caps.add(NONE, a, len, rank, k, k === KIND_SYNC ? t : NONE, from);
    return ok;
  }

  /** The child's permission may only shrink (§4.2). */
  protected derivePermAllowed(child: number, parent: number): boolean {
    return child <= parent;
  }

  /** cap_derive: fetch, capInvalid, capBounds, capPerm, capKind. */
  protected capDerive(t: number, c: number, s: number, off: number, len: number, perm: CapPerm, kind: CapKind): Output {
    const id = this.threads.capRegs[this.capReg(t, s)];
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const caps = this.caps;
    if (!caps.usableBy(id, t)) return fault('capInvalid');
    const base = caps.base[id];
    if (!(Number.isSafeInteger(off) && off >= 0 && len >= 1 && off + len <= caps.length[id])) return fault('capBounds', base);
    const rank = rankOf(perm);
    if (!this.derivePermAllowed(rank, caps.perm[id])) return fault('capPerm');
    const k = kindOf(kind);
    if (k === KIND_ASYNC && caps.kind[id] === KIND_SYNC) return fault('capKind');
    this.threads.capRegs[this.capReg(t, c)] = caps.add(id, base + off, len, rank, k, k === KIND_SYNC ? t : NONE, from);
    return ok;
  }

  protected capClear(t: number, c: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    this.threads.capRegs[this.capReg(t, c)] = -1;
    return ok;
  }

  /** cap_revoke: fetch, capInvalid, then O(1) revocation of the node and its subtree. */
  protected capRevoke(t: number, c: number): Output {
    const id = this.threads.capRegs[this.capReg(t, c)];
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    if (!this.caps.usableBy(id, t)) return fault('capInvalid');
    this.caps.revoke(id);
    return ok;
  }

  /** cap_push: whatever the register holds goes to the DCS top. */
  protected capPush(t: number, c: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    const th = this.threads;
    const top = th.dcsTop[t];
    if (!(top < this.dcsSize)) return fault('dcsOverflow');
    th.dcs[t * this.dcsSize + top] = th.capRegs[this.capReg(t, c)];
    th.dcsTop[t] = top + 1;
    return ok;
  }

  /** cap_pop: the DCS base bounds what unprivileged code can pop. */
  protected capPop(t: number, c: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    const th = this.threads;
    const top = th.dcsTop[t];
    if (!(top > th.dcsBase[t])) return fault('dcsUnderflow');
    th.capRegs[this.capReg(t, c)] = th.dcs[t * this.dcsSize + top - 1];
    th.dcsTop[t] = top - 1;
    return ok;
  }

  /** Only async capabilities may leave their thread (DESIGN §11). */
  protected storable(id: number): boolean {
    return this.caps.kind[id] === KIND_ASYNC;
  }

  /** cap_store: fetch, capInvalid, capSync, then the access rule for a capability-slot write. */
  protected capStore(t: number, c: number, sel: AddrSel): Output {
    const id = this.threads.capRegs[this.capReg(t, c)];
    const a = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    if (!this.caps.usableBy(id, t)) return fault('capInvalid');
    if (!this.storable(id)) return fault('capSync');
    const f = this.checkCapSlotAccess(t, from, a, RANK_WRITE);
    if (f !== null) return f;
    this.memory.capSlots[a] = id;
    return ok;
  }

  /** cap_load: the access rule for a capability-slot read; an empty slot clears the register. */
  protected capLoad(t: number, c: number, sel: AddrSel): Output {
    const a = this.resolveAddress(t, sel);
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkCapSlotAccess(t, from, a, RANK_READ);
    if (f !== null) return f;
    this.threads.capRegs[this.capReg(t, c)] = this.memory.capSlots[a];
    return ok;
  }
}
