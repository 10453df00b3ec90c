// UNW's judgement of what a kill leaves behind (issue 12 §1 UNW, §2 "a recycled block"),
// from the witness's own records (properties/security/witness/): the pages, tags, grants,
// handles and entries it saw the dead process make or receive, never the spec's lists
// (`blockOwners`, `domain.creator`, `grant.live`, `entry.live`, `proxy.live`).
import type { DipcOp } from '../../alphabet/dipc-ops';
import { aplRank } from '../security/witness/authority';
import { resolveIndex } from '../../alphabet/resolve';
import { isRevoked } from '../../spec/state/capabilities';
import type { DipcState } from '../../spec/state/dipc';
import type { Witness } from '../security/witness/witness';
import type { Broken } from '../types';

/** What the witness knew of a process about to be killed (taken before it learns of the kill). */
export interface DeadSnapshot {
  readonly pid: number;
  /** Pages it owned (its blocks, and pages moved to it with their owner's consent). */
  readonly pages: readonly number[];
  /** Tags it made (its default and stack domains, its dom_creates). */
  readonly tags: ReadonlySet<number>;
}

export const snapshotOf = (w: Witness, pre: DipcState, pid: number): DeadSnapshot => {
  const pages: number[] = [];
  for (let p = 0; p < pre.hw.pages.length; p++) if (w.own.pageOwner(p) === pid) pages.push(p);
  const tags = new Set<number>();
  for (const [tag, o] of w.own.tags) if (o === pid) tags.add(tag);
  return { pid, pages, tags };
};

const pageRange = (s: DipcState, page: number): [number, number] => [page * s.hw.wordsPerPage, (page + 1) * s.hw.wordsPerPage];

/** A capability id below `below` that is not revoked and reaches into [lo, hi). */
const liveCapInto = (s: DipcState, lo: number, hi: number, below = s.hw.caps.length): number => {
  for (let id = 0; id < Math.min(below, s.hw.caps.length); id++) {
    const c = s.hw.caps[id];
    if (c.base < hi && c.base + c.length > lo && !isRevoked(s.hw.caps, id)) return id;
  }
  return -1;
};

/**
 * At the kill: the dead process's domains leave every APL; every grant it made, that carries
 * its consent or names one of its domains no longer grants access (unless a live grant the
 * witness saw, or the boot APL, still explains the entry); its pages are unmapped and no
 * capability reaches them.
 */
export const killCleared = (w: Witness, d: DeadSnapshot, post: DipcState): Broken | null => {
  const n = post.hw.numDomains;
  const p = `p${d.pid}`;
  for (const key of post.hw.apl.keys()) {
    const src = Math.floor(key / n);
    const dst = key % n;
    if (d.tags.has(src) || d.tags.has(dst)) return { expected: `after kill(${p}), no APL entry names a domain ${p} made`, observed: `d${src}->d${dst}` };
  }
  for (const g of w.auth.grants) {
    if (!(g.by === d.pid || g.consent === d.pid || d.tags.has(g.src) || d.tags.has(g.dst))) continue;
    const key = g.src * n + g.dst;
    const perm = post.hw.apl.get(key);
    if (perm !== undefined && aplRank(perm) > w.auth.allowedRank(key, g.src, g.dst))
      return { expected: `after kill(${p}), the grant d${g.src}->d${g.dst} ${p} made or consented to no longer grants access`, observed: `the APL still gives ${perm}` };
  }
  for (const pg of d.pages) {
    if (post.hw.pages[pg]?.mapped) return { expected: `after kill(${p}), its page ${pg} is released`, observed: 'it is still mapped' };
    const [lo, hi] = pageRange(post, pg);
    const id = liveCapInto(post, lo, hi);
    if (id >= 0) return { expected: `after kill(${p}), no capability reaches its page ${pg}`, observed: `capability ${id} still grants access` };
  }
  return null;
};

/** The handle positions a system call uses (handle_send only passes a handle on: its copy is as unusable). */
export const handlesUsed = (op: DipcOp): number[] => {
  if (op.op !== 'syscall') return [];
  const c = op.call;
  switch (c.k) {
    case 'dom_copy':
    case 'dom_mmap':
    case 'entry_register':
      return [c.h];
    case 'dom_remap':
      return [c.dst, c.src];
    case 'grant_create':
      return [c.src, c.dst];
    case 'entry_request':
      return [c.e];
    default:
      return [];
  }
};

/** The dead process a handle record leads to: the maker of its domain, the registrant of its entry. */
const deadBehind = (w: Witness, pid: number, h: number): number | null => {
  const rec = w.auth.handle(pid, h);
  const owner = rec?.k === 'dom' ? w.own.tags.get(rec.tag) : rec?.k === 'entry' ? w.entryOwner.get(rec.entry) : undefined;
  return typeof owner === 'number' && w.killed.has(owner) ? owner : null;
};

/**
 * Every step after a kill: no handle to a dead process's domain or entry works (a system
 * call naming one succeeds, or a stub_call resolves its import through one), and no call
 * enters a dead process.
 */
export const deadHandlesUnusable = (w: Witness, op: DipcOp, pre: DipcState, post: DipcState, succeeded: boolean, actor: number, P: number): Broken | null => {
  if (P < 0 || w.killed.size === 0) return null;
  const hs = pre.os.processes[P]?.handles.length ?? 0;
  if (succeeded) {
    for (const h of handlesUsed(op)) {
      const dead = deadBehind(w, P, resolveIndex(h, hs));
      if (dead !== null) return { expected: `a handle to dead p${dead}'s domain or entry is unusable`, observed: `t${actor}'s ${op.op === 'syscall' ? op.call.k : op.op} by p${P} through h${h} succeeded` };
    }
  }
  if (op.op === 'stub_call' && (post.os.processes[P]?.handles.length ?? 0) > hs) {
    const imports = pre.os.processes[P]?.imports ?? [];
    const imp = imports[resolveIndex(op.i, imports.length)];
    const dead = imp?.handle === null || imp === undefined ? null : deadBehind(w, P, imp.handle);
    if (dead !== null) return { expected: `an import of dead p${dead}'s entry no longer resolves`, observed: `t${actor}'s stub_call made p${P} a proxy for it` };
  }
  return null;
};

/** Pages freed by a kill or an exec, and blocks handed on afterwards (issue 12 §2, "a recycled block"). */
export class Freed {
  /** Page -> the process it was freed from, until a new owner gets it. */
  readonly pages = new Map<number, number>();
  /** Recycled blocks: their pages and the capability count when they were handed on. */
  readonly recycled: { readonly pages: readonly number[]; readonly from: number; readonly to: number; readonly caps: number }[] = [];

  free(w: Witness, pages: readonly number[], from: number): void {
    for (const p of pages) if (w.own.pageOwner(p) === null) this.pages.set(p, from);
  }

  /** Freed pages the witness now sees owned again: a recycled block, judged from this step on. */
  takeRecycled(w: Witness, pre: DipcState): { pages: number[]; from: number; to: number } | null {
    const got = new Map<number, { pages: number[]; from: number }>();
    for (const [p, from] of [...this.pages]) {
      const to = w.own.pageOwner(p);
      if (typeof to !== 'number') continue;
      this.pages.delete(p);
      const r = got.get(to) ?? { pages: [], from };
      r.pages.push(p);
      got.set(to, r);
    }
    for (const [to, r] of got) this.recycled.push({ ...r, to, caps: pre.hw.caps.length });
    const [first] = got;
    return first === undefined ? null : { ...first[1], to: first[0] };
  }
}

/**
 * A recycled block (docs/dipc-model.md, "A recycled block"): nothing made before it was handed
 * on reaches it. Every capability older than the hand-over into it is revoked, and no APL
 * entry that stood before the hand-over gives another domain access to the tags its pages
 * now carry (handles to the old owner's domains are judged unusable by deadHandlesUnusable).
 * The tags need not be ones the new owner made: after a fork the child's stack domain is
 * its parent's, and an exec keeps it.
 */
export const recycledUnreachable = (f: Freed, pre: DipcState, post: DipcState, fresh: { pages: number[]; to: number } | null): Broken | null => {
  if (fresh !== null) {
    const n = post.hw.numDomains;
    const tags = new Set(fresh.pages.flatMap((pg) => (post.hw.pages[pg]?.mapped ? [post.hw.pages[pg].tag] : [])));
    for (const [key, perm] of post.hw.apl) {
      const src = Math.floor(key / n);
      const dst = key % n;
      if (src !== dst && tags.has(dst) && !tags.has(src) && pre.hw.apl.has(key))
        return { expected: `the block recycled to p${fresh.to} is out of reach of every APL entry made before`, observed: `d${src} keeps ${perm} on d${dst}` };
    }
  }
  for (const r of f.recycled)
    for (const pg of r.pages) {
      const [lo, hi] = pageRange(post, pg);
      const id = liveCapInto(post, lo, hi, r.caps);
      if (id >= 0) return { expected: `page ${pg}, recycled from p${r.from} to p${r.to}, is out of reach of every capability made before`, observed: `capability ${id} still grants access` };
    }
  return null;
};

/** No live thread runs on a page freed by a kill or exec (its code is gone with its process). */
export const noThreadOnFreedPage = (f: Freed, post: DipcState, privateSpace: (t: number) => boolean): Broken | null => {
  if (f.pages.size === 0) return null;
  for (const [t, kt] of post.os.threads.entries()) {
    if (kt.ended || privateSpace(t)) continue;
    // (An unmapped page too: pageIndexOf would not name it.)
    const from = f.pages.get(Math.floor(post.hw.threads[t].ip / post.hw.wordsPerPage));
    if (from !== undefined) return { expected: `no thread runs in the freed memory of p${from}`, observed: `t${t} at 0x${post.hw.threads[t].ip.toString(16)}` };
  }
  return null;
};
