// Domain management (§5.2.2, Table 2): dom_default, dom_create, dom_copy, dom_mmap,
// dom_remap. Each is a ladder of checks in the spec's order, then the effect; a refused
// call returns before touching anything.
import type { AddrSel } from '../../alphabet/address';
import type { HandlePerm } from '../../alphabet/dipc-ops';
import { DOM_CREATED } from './domain-table';
import { H_DOM, HP_CALL, HP_OWNER, HP_READ, HP_WRITE } from './handle-table';
import { pageFlags } from './hardware';
import type { SysResult } from './kernel-core';
import { Lifecycle } from './lifecycle';

export const handlePermRank = (p: HandlePerm): number =>
  p === 'owner' ? HP_OWNER : p === 'write' ? HP_WRITE : p === 'read' ? HP_READ : HP_CALL;

export class DomainCalls extends Lifecycle {
  /** dom_default: notDipc; a new owner handle to the default domain. */
  protected domDefault(pid: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    return p.handles.add(H_DOM, p.defaultDomain, HP_OWNER, pid, null);
  }

  /** dom_create: notDipc, noTags; a new isolated tag (in no APL) with an owner handle. */
  protected domCreate(pid: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    this.claimTag(tag, DOM_CREATED, pid);
    return p.handles.add(H_DOM, tag, HP_OWNER, pid, null);
  }

  /** Table 2: dom_copy only downgrades. */
  protected copyAllowed(requested: number, held: number): boolean {
    return requested <= held;
  }

  /** dom_copy(h, perm): notDipc, badHandle, permDenied; the copy keeps h's provenance. */
  protected domCopy(pid: number, h: number, perm: HandlePerm): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.domHandle(pid, h);
    if (i < 0) return 'badHandle';
    const hs = p.handles;
    const rank = handlePermRank(perm);
    if (!this.copyAllowed(rank, hs.perm[i])) return 'permDenied';
    return hs.add(H_DOM, hs.ref[i], rank, hs.origin[i], hs.via[i]);
  }

  /** dom_mmap(h, n, prot): notDipc, badHandle, permDenied (owner), badRange (1..4), noMemory; r0 = first address. */
  protected domMmap(pid: number, h: number, n: number, prot: { r: boolean; w: boolean; x: boolean }): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.domHandle(pid, h);
    if (i < 0) return 'badHandle';
    if (p.handles.perm[i] !== HP_OWNER) return 'permDenied';
    if (!(n >= 1 && n <= 4)) return 'badRange';
    if (!this.pagesFit(pid, n)) return 'noMemory';
    const first = this.takePages(pid, n);
    this.hw.mapPages(first, n, p.handles.ref[i], pageFlags(prot.r, prot.w, prot.x));
    return first * this.hw.wordsPerPage;
  }

  /** dom_remap(dst, src, a, n): notDipc, badHandle, permDenied (both owner), badRange (count, then every page in src). */
  protected domRemap(t: number, pid: number, dst: number, src: number, sel: AddrSel, n: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const d = this.domHandle(pid, dst);
    const o = this.domHandle(pid, src);
    if (d < 0 || o < 0) return 'badHandle';
    const hs = p.handles;
    if (hs.perm[d] !== HP_OWNER || hs.perm[o] !== HP_OWNER) return 'permDenied';
    if (!(n >= 1 && n <= 4)) return 'badRange';
    const first = this.hw.pages.pageIndexOf(this.hw.address(t, sel));
    if (first < 0) return 'badRange';
    const from = hs.ref[o];
    for (let pg = first; pg < first + n; pg++) if (!this.hw.pageOfDomain(pg, from)) return 'badRange';
    this.hw.retagPages(first, n, hs.ref[d]);
    return 0;
  }
}
