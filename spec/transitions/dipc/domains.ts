// Domain management (§5.2.2, Table 2): dom_default, dom_create, dom_copy, dom_mmap, dom_remap.
import type { AddrSel } from '../../../alphabet/address';
import type { HandlePerm } from '../../../alphabet/dipc-ops';
import type { DipcState } from '../../state/dipc';
import { handlePermRank } from '../../state/handles';
import { pageIndexOf } from '../../state/pages';
import { resolveAddress } from '../addresses';
import { nextFreeTag, takePages } from './alloc';
import { domHandle } from './handle-lookup';
import { addHandle, done, mapPages, refuse, type SysResult, withHw, withOs } from './result';

/** dom_default() -> handle with owner permission to the process's default domain. */
export const domDefault = (s: DipcState, pid: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const r = addHandle(s, pid, { k: 'dom', tag: s.os.processes[pid].defaultDomain, perm: 'owner', origin: pid, via: [] });
  return done(r.state, r.index);
};

/** dom_create() -> handle with owner permission to a new tag (isolated: in no APL, P1). */
export const domCreate = (s: DipcState, pid: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const tag = nextFreeTag(s);
  if (tag === null) return refuse('noTags');
  const domains = new Map(s.os.domains);
  domains.set(tag, { kind: 'created', creator: pid });
  const r = addHandle(withOs(s, { domains }), pid, { k: 'dom', tag, perm: 'owner', origin: pid, via: [] });
  return done(r.state, r.index);
};

/** dom_copy(h, perm) -> a handle to h's tag with perm, iff perm <= h.perm (downgrade only). */
export const domCopy = (s: DipcState, pid: number, h: number, perm: HandlePerm): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const src = domHandle(s, pid, h);
  if (src === null) return refuse('badHandle');
  if (handlePermRank(perm) > handlePermRank(src.perm)) return refuse('permDenied');
  const r = addHandle(s, pid, { k: 'dom', tag: src.tag, perm, origin: src.origin, via: src.via });
  return done(r.state, r.index);
};

/** dom_mmap(h, n, prot): n fresh pages of the caller's block tagged with h's domain, iff h is owner. */
export const domMmap = (s: DipcState, pid: number, h: number, n: number, prot: { r: boolean; w: boolean; x: boolean }): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const d = domHandle(s, pid, h);
  if (d === null) return refuse('badHandle');
  if (d.perm !== 'owner') return refuse('permDenied');
  if (!(n >= 1 && n <= 4)) return refuse('badRange');
  const got = takePages(s, pid, n);
  if (got === null) return refuse('noMemory');
  const page = { mapped: true, tag: d.tag, read: prot.r, write: prot.w, exec: prot.x, priv: false, capStore: false };
  return done(withHw(got.state, mapPages(got.state.hw, got.first, n, page)), got.first * s.hw.wordsPerPage);
};

/**
 * dom_remap(dst, src, addr, n): retag the n pages from the one holding addr from src to dst,
 * iff every one of them is in src and both handles are owner.
 */
export const domRemap = (s: DipcState, t: number, pid: number, dst: number, src: number, sel: AddrSel, n: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const d = domHandle(s, pid, dst);
  const o = domHandle(s, pid, src);
  if (d === null || o === null) return refuse('badHandle');
  if (d.perm !== 'owner' || o.perm !== 'owner') return refuse('permDenied');
  if (!(n >= 1 && n <= 4)) return refuse('badRange');
  const a = resolveAddress(s.hw, s.hw.threads[t], sel);
  const first = pageIndexOf({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages }, a);
  if (first === null) return refuse('badRange');
  for (let p = first; p < first + n; p++) {
    if (p >= s.hw.pages.length || !s.hw.pages[p].mapped || s.hw.pages[p].tag !== o.tag) return refuse('badRange');
  }
  const pages = s.hw.pages.map((pg, i) => (i >= first && i < first + n ? { ...pg, tag: d.tag } : pg));
  return done(withHw(s, { ...s.hw, pages }), 0);
};
