// The CODOMs access rule (§4.1, §4.2, DESIGN §3) on the impl's arrays. The APL permission
// of the executing domain comes from the APL cache of the CPU the thread runs on; the
// capability registers are checked only when the APL alone does not grant the access.
// Each check returns null when it passes, else the fault, with the rungs in the order of
// the spec's ladders (unmapped, then noAccess/unaligned, then pageProt, then storage kind).
import { NUM_CAP_REGS } from '../alphabet/config';
import { fault, type Output } from '../alphabet/output';
import { RANK_CALL, RANK_READ, RANK_WRITE } from './indices';
import { MachineCore } from './machine-core';
import { PG_CAP_STORE, PG_EXEC, PG_READ, PG_WRITE } from './page-table';

export class AccessRule extends MachineCore {
  /** §4.1: write to its own domain, else APL[from][tag] through this CPU's APL cache. */
  protected aplRank(t: number, from: number, tag: number): number {
    return from === tag ? RANK_WRITE : this.aplCache.rowFor(this.threads.cpu[t], from)[tag];
  }

  /** §4.2: "accesses are checked against all 8 capability registers". */
  protected capabilityGrants(t: number, a: number, need: number): boolean {
    const regs = this.threads.capRegs;
    const first = t * NUM_CAP_REGS;
    for (let i = first; i < first + NUM_CAP_REGS; i++) {
      const id = regs[i];
      if (id >= 0 && this.caps.grants(id, t, a, need)) return true;
    }
    return false;
  }

  /** Control targets reachable with call permission alone are the entry points (§4.1). */
  protected isEntryPoint(a: number): boolean {
    return a % this.entryAlign === 0;
  }

  /** The APL or a capability grants `need` at `a` (shared by data and capability-slot accesses). */
  private granted(t: number, from: number, a: number, p: number, need: number): boolean {
    return this.aplRank(t, from, this.pages.tag[p]) >= need || this.capabilityGrants(t, a, need);
  }

  /** load/store: unmapped, noAccess, pageProt, capStorage. */
  protected checkDataAccess(t: number, from: number, a: number, need: number): Output | null {
    const p = this.pages.pageIndexOf(a);
    if (p < 0) return fault('unmapped', a);
    if (!this.granted(t, from, a, p, need)) return fault('noAccess', a);
    const f = this.pages.flags[p];
    if (!(f & (need === RANK_WRITE ? PG_WRITE : PG_READ))) return fault('pageProt', a);
    if (f & PG_CAP_STORE) return fault('capStorage', a);
    return null;
  }

  /** cap_load/cap_store: unmapped, noAccess, pageProt, dataStorage. */
  protected checkCapSlotAccess(t: number, from: number, a: number, need: number): Output | null {
    const p = this.pages.pageIndexOf(a);
    if (p < 0) return fault('unmapped', a);
    if (!this.granted(t, from, a, p, need)) return fault('noAccess', a);
    const f = this.pages.flags[p];
    if (!(f & (need === RANK_WRITE ? PG_WRITE : PG_READ))) return fault('pageProt', a);
    if (!(f & PG_CAP_STORE)) return fault('dataStorage', a);
    return null;
  }

  /** call/jump/ret target: unmapped, unaligned (call permission only) or noAccess, pageProt (exec). */
  protected checkControlTarget(t: number, from: number, a: number): Output | null {
    const p = this.pages.pageIndexOf(a);
    if (p < 0) return fault('unmapped', a);
    const eff = this.aplRank(t, from, this.pages.tag[p]);
    if (eff < RANK_READ && !this.capabilityGrants(t, a, RANK_READ)) {
      if (eff !== RANK_CALL) return fault('noAccess', a);
      if (!this.isEntryPoint(a)) return fault('unaligned', a);
    }
    if (!(this.pages.flags[p] & PG_EXEC)) return fault('pageProt', a);
    return null;
  }

  /** cap_create: every page of [a, a+len) mapped and reachable through the APL with >= perm. */
  protected checkRangeFromApl(t: number, from: number, a: number, len: number, perm: number): Output | null {
    const W = this.wordsPerPage;
    for (let p = Math.floor(a / W); p <= Math.floor((a + len - 1) / W); p++) {
      const at = Math.max(a, p * W);
      const idx = this.pages.pageIndexOf(at);
      if (idx < 0) return fault('unmapped', at);
      if (this.aplRank(t, from, this.pages.tag[idx]) < perm) return fault('noAccess', at);
    }
    return null;
  }
}
