// Domain grants (§5.2.2, Table 2): grant_create writes APL[src][dst] with dst's permission
// (owner becomes write) and records the act in the ghost ledger; grant_revoke clears the
// entry. Both go through the hardware's APL write, which shoots the row down on every CPU.
import { RANK_CALL, RANK_NONE, RANK_READ, RANK_WRITE } from '../indices';
import { DomainCalls } from './domain-calls';
import { H_GRANT, HP_OWNER, HP_READ, HP_WRITE } from './handle-table';
import type { SysResult } from './kernel-core';

/** §5.2.2: "If Dst has the owner permission, dIPC translates it into the write permission in CODOMs." */
const aplRankOf = (perm: number): number =>
  perm === HP_OWNER || perm === HP_WRITE ? RANK_WRITE : perm === HP_READ ? RANK_READ : RANK_CALL;

export class GrantCalls extends DomainCalls {
  /** Only the owner of the source domain may extend its APL. */
  protected grantSourceAllowed(perm: number): boolean {
    return perm === HP_OWNER;
  }

  /** grant_create(src, dst): notDipc, badHandle (both domain handles), permDenied (src owner). */
  protected grantCreate(t: number, pid: number, src: number, dst: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const f = this.domHandle(pid, src);
    const d = this.domHandle(pid, dst);
    if (f < 0 || d < 0) return 'badHandle';
    const hs = p.handles;
    if (!this.grantSourceAllowed(hs.perm[f])) return 'permDenied';
    const rank = aplRankOf(hs.perm[d]);
    const from = hs.ref[f];
    const to = hs.ref[d];
    this.hw.writeApl(t, from, to, rank);
    const g = this.grants.add(from, to, rank, pid);
    p.grantsMade.push(g);
    this.ledger.grant(pid, g);
    return hs.add(H_GRANT, g, 0, pid, null);
  }

  /** Clear APL[src][dst]; every CPU's cached copy of the row goes with it. */
  protected revokeAplEntry(t: number, src: number, dst: number): void {
    this.hw.writeApl(t, src, dst, RANK_NONE);
  }

  /** grant_revoke(g): notDipc, badHandle (a live grant); "set permission to nil for g.dst in g.src's APL". */
  protected grantRevoke(t: number, pid: number, h: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.grantHandle(pid, h);
    if (i < 0) return 'badHandle';
    const g = p.handles.ref[i];
    if (!this.grants.live[g]) return 'badHandle';
    this.revokeAplEntry(t, this.grants.src[g], this.grants.dst[g]);
    this.grants.live[g] = 0;
    return 0;
  }
}
