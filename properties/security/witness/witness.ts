// The properties' own record of history (issue 12 §1): who owns which memory and tag, which
// handles, grants and capabilities carry whose consent, which entries were registered, and
// who runs where, all judged from the ops observed and the states around them. The spec's
// ghost fields and kernel bookkeeping (`creator`, `origin`, `via`, the ledger, `grant.live`,
// `blockOwners`, `current`, KCS frames) are never its source: a flawed design that writes
// them wrongly cannot make a property agree with it.
import { SP } from '../../../alphabet/config';
import type { DipcOp } from '../../../alphabet/dipc-ops';
import type { Output } from '../../../alphabet/output';
import { canonicalPolicy, canonicalSignature, effectivePolicy, type IsolationProp, type Signature } from '../../../alphabet/policy';
import { resolveIndex } from '../../../alphabet/resolve';
import { isRevoked } from '../../../spec/state/capabilities';
import type { DipcState } from '../../../spec/state/dipc';
import type { Handle } from '../../../spec/state/handles';
import { pageIndexOf } from '../../../spec/state/pages';
import { resolveAddress } from '../../../spec/transitions/addresses';
import { importIndex } from '../../../spec/transitions/dipc/stubs';
import { actorOf } from '../actor';
import { aplRank, Authority, copyAllowed, type HandleRec, rankOfHandle } from './authority';
import { type Owner, Ownership } from './ownership';

const succeeded = (o: Output): boolean => o.out === 'ok' || o.out === 'value';

const table = (s: DipcState) => ({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages });

/** A registered entry point, as the witness saw entry_register (or the boot state) make it. */
export interface WEntry {
  readonly address: number;
  /** The registrant: the process the entry's callers enter (§5.2.3). */
  readonly owner: number;
  /**
   * Whose code it is: the registrant's own, or that of the process that gave the registrant
   * its owner handle to the domain (Table 2: entry_register needs owner rights, and an owner
   * handle its owner sent is its consent, as for dom_remap).
   */
  readonly code: number;
}

/**
 * A proxy as the witness saw it made (entry_request, or a stub_call resolving its import by
 * one): the entry record and slot the request named, the signature asked, and the policy it
 * must enforce, Table 2's union of what entry_register and entry_request asked (§5.2.3).
 */
export interface WProxy {
  readonly entry: number;
  readonly slot: number;
  readonly signature: Signature;
  /** What the callee registered for the slot. */
  readonly calleePolicy: readonly IsolationProp[];
  /** What the requester asked. */
  readonly callerPolicy: readonly IsolationProp[];
  readonly policy: readonly IsolationProp[];
}

export class Witness {
  readonly own = new Ownership();
  readonly auth = new Authority();
  /** Entry addresses each process registered in its own code, by the entry record index. */
  readonly entries = new Map<number, WEntry[]>();
  /**
   * Entry record index -> the signatures registered with it, as the entry_register op named
   * them (or the boot configuration): what P4 compares an entry_request with, never the
   * kernel's entry records.
   */
  readonly entrySignatures = new Map<number, readonly Signature[]>();
  /** Entry record index -> each entry's address as the entry_register op named it (resolved in the registrant's state), rightful or not. */
  readonly entryAddresses = new Map<number, readonly number[]>();
  /** Entry record index -> the policy registered with each of its entries (entry_register's op, or the boot configuration). */
  readonly entryPolicies = new Map<number, readonly (readonly IsolationProp[])[]>();
  /** Proxy index -> what made it asked for (WProxy): the policy a call through it is owed, never the proxy's own record. */
  readonly proxies = new Map<number, WProxy>();
  /** A proxy's first instruction (as it was made) -> the proxy: where a control transfer enters it. */
  readonly proxyAt = new Map<number, number>();
  /** "process:import" -> the proxy a stub_call resolving that import made. */
  readonly importProxy = new Map<string, number>();
  /** Entry record index -> the process that registered it (boot, entry_register); kept after its death. */
  readonly entryOwner = new Map<number, number>();
  /** Processes the witness saw killed (kill succeeded naming them). */
  readonly killed = new Set<number>();
  /**
   * Proxy pages: pages an entry_request (or a stub_call, which resolves its import by one)
   * mapped in memory no process owns (the kernel's block). The kernel maps its own pages for
   * nothing else (§5.2.3, §6.1: proxies are kernel code); the boot state has none.
   */
  readonly proxyPages = new Set<number>();
  /**
   * Threads a fork made, -> the child they belong to, until it execs: the child runs at its
   * parent's addresses in a private space (§6.1.3: fork turns dIPC off), so the owner of the
   * code at its ip (its parent, in the global space) is not who it acts as.
   */
  private readonly privateSpace = new Map<number, number>();
  private booted = false;
  /** The process the last observed op's thread acted as before the op (-1: no thread's op), judged before the step changed the records. */
  actorWas = -1;
  /** Wrongs the last observed step showed (an act the design should have refused, or an unexplained change). */
  wrongs: string[] = [];

  /** The process whose code is at `ip` (the one a thread running there acts as), if any: the image's, not a remap's (Ownership.imageOwner). */
  codeOwner(s: DipcState, ip: number): Owner | null {
    const p = pageIndexOf(table(s), ip);
    return p === null ? null : this.own.imageOwner(p);
  }

  /** The processes that registered `a` (boot or entry_register), in `owner`'s code with its consent, and not torn down since. */
  registrantsAt(a: number, owner: number): number[] {
    const out: number[] = [];
    for (const es of this.entries.values()) for (const e of es) if (e.address === a && e.code === owner && !out.includes(e.owner)) out.push(e.owner);
    return out;
  }

  /** Does thread t run in a fork's child's own address space (§6.1.3: fork turns dIPC off), as the witness saw it made? */
  inPrivateSpace(t: number): boolean {
    return this.privateSpace.has(t);
  }

  /**
   * The process a thread acts as: the owner of the code it runs. Where no user code runs (a
   * proxy page, an unmapped or freed page) it still acts as the process whose code it was
   * last seen run (the witness's own record, not `current`): nothing but a call or a return
   * makes it another's, and those land in code.
   */
  actingAs(s: DipcState, t: number): number {
    const child = this.privateSpace.get(t);
    if (child !== undefined) return child;
    const o = this.codeOwner(s, s.hw.threads[t]?.ip ?? -1);
    return typeof o === 'number' ? o : this.lastRan.get(t) ?? -1;
  }

  /** Thread -> the process whose code it was last seen run (after each observed step). */
  private readonly lastRan = new Map<number, number>();

  private noteRunning(s: DipcState): void {
    s.hw.threads.forEach((th, t) => {
      const o = this.codeOwner(s, th.ip);
      if (typeof o === 'number') this.lastRan.set(t, o);
    });
  }

  private boot(s: DipcState): void {
    this.booted = true;
    this.own.boot(s);
    s.os.processes.forEach((p, pid) => this.auth.handles.set(pid, p.handles.map((h) => this.bootRec(h))));
    for (const [key, perm] of s.hw.apl) this.auth.boot.set(key, aplRank(perm));
    s.hw.caps.forEach((c, id) => {
      const p = pageIndexOf(table(s), c.base);
      this.auth.caps.set(id, { consent: p === null ? 'kernel' : this.own.pageOwner(p) });
    });
    s.os.entries.forEach((e, i) => {
      this.entries.set(i, e.entries.map((x) => ({ address: x.address, owner: e.owner, code: e.owner })));
      this.entryAddresses.set(i, e.entries.map((x) => x.address));
      this.entryOwner.set(i, e.owner);
      this.entrySignatures.set(i, e.entries.map((x) => x.signature));
      this.entryPolicies.set(i, e.entries.map((x) => x.policy));
    });
  }

  /** A boot handle carries the consent of whoever owns what it names (the configuration says so). */
  private bootRec(h: Handle): HandleRec {
    if (h.k === 'dom') return { k: 'dom', tag: h.tag, perm: h.perm, consent: this.own.tags.get(h.tag) ?? null };
    if (h.k === 'grant') return { k: 'grant', grant: null };
    return { k: 'entry', entry: h.entry, consent: 'kernel' };
  }

  /** Read the boot state, once (observe does it at the first step; a caller may need the records before). */
  start(s: DipcState): void {
    if (this.booted) return;
    this.boot(s);
    this.noteRunning(s);
  }

  observe(op: DipcOp, pre: DipcState, output: Output, post: DipcState): void {
    this.start(pre);
    this.wrongs = [];
    const t = actorOf(op, pre);
    const P = t >= 0 ? this.actingAs(pre, t) : -1;
    this.actorWas = P;
    const ok = succeeded(output);
    const call = op.op === 'syscall' && ok ? op.call : null;
    // Killed: the op names the process; its memory and the grants it made end with it (§5.2.1).
    if (op.op === 'kill' && ok) {
      const dead = resolveIndex(op.pid, pre.os.processes.length);
      this.own.alive.delete(dead);
      this.killed.add(dead);
      this.own.releaseBlocksOf(dead);
      for (const g of this.auth.grants) if (g.by === dead || g.consent === dead) g.live = false;
      for (const [i, es] of this.entries) if (es.some((e) => e.owner === dead || e.code === dead)) this.entries.delete(i);
    }
    // New processes (spawn, fork): their blocks and tags.
    for (let q = pre.os.processes.length; q < post.os.processes.length; q++) {
      this.own.alive.add(q);
      const b = post.os.processes[q].block;
      if (b !== null && this.own.giveBlock(b, q) !== null) this.wrongs.push(`a new process p${q} got block ${b}, which a live process owns`);
    }
    // A fork's child thread: the new process, in its own space until it execs.
    if (call?.k === 'fork' && post.os.processes.length > pre.os.processes.length)
      for (let u = pre.os.threads.length; u < post.os.threads.length; u++) this.privateSpace.set(u, post.os.processes.length - 1);
    // A thread a fork's child makes runs in the child's space too.
    const child = t >= 0 ? this.privateSpace.get(t) : undefined;
    if (call?.k === 'thread_create' && child !== undefined)
      for (let u = pre.os.threads.length; u < post.os.threads.length; u++) this.privateSpace.set(u, child);
    // exec: a fresh image in a fresh block; the old image's memory and entries are gone (§6.1.3).
    if (call?.k === 'exec' && P >= 0) {
      // A fresh image in the global space (§6.1.3): every thread of the process is back in it.
      for (const [u, c] of [...this.privateSpace]) if (u === t || c === P) this.privateSpace.delete(u);
      const b = post.os.processes[P]?.block ?? null;
      // The new image's block must be one that was free: the old image's block would carry
      // its memory, and every capability and APL entry into it, over into the new image.
      if (ok && b !== null && this.own.blockHolder(b) === P) this.wrongs.push(`exec gave p${P} block ${b}, its old image's: the new image is not in a fresh block (§6.1.3)`);
      this.own.releaseBlocksOf(P, b);
      if (b !== null && this.own.giveBlock(b, P) !== null) this.wrongs.push(`exec gave p${P} block ${b}, which a live process owns`);
      for (const [i, es] of this.entries) if (es.some((e) => e.owner === P || e.code === P)) this.entries.delete(i);
    }
    this.observeTags(op, pre, post, P, ok);
    if (call?.k === 'dom_remap' && P >= 0) this.observeRemap(call, pre, t, P);
    // Pages an owner maps, or remaps, into a domain itself: its own act, in force while they stay there.
    if ((call?.k === 'dom_mmap' || call?.k === 'dom_remap') && P >= 0 && ok)
      post.hw.pages.forEach((pg, p) => {
        const before = pre.hw.pages[p];
        if (this.own.pageOwner(p) === P && (before === undefined || before.tag !== pg.tag || before.mapped !== pg.mapped)) this.own.place(p, pg.tag, P);
      });
    this.observeProxies(op, pre, post, P);
    this.observeHandles(op, pre, post, P, ok);
    if (call?.k === 'grant_revoke' && P >= 0) {
      const rec = this.auth.handle(P, resolveIndex(call.g, pre.os.processes[P]?.handles.length ?? 0));
      if (rec?.k !== 'grant') this.wrongs.push(`grant_revoke by p${P} through h${call.g}, which is no grant handle`);
      else if (rec.grant !== null) {
        const g = this.auth.grants[rec.grant];
        // The APL holds one entry per pair: revoking it ends every grant of that pair.
        for (const x of this.auth.grants) if (x.src === g.src && x.dst === g.dst) x.live = false;
      }
    }
    if (call?.k === 'entry_register' && P >= 0) this.observeRegister(call, pre, post, t, P);
    if (call?.k === 'entry_request' || op.op === 'stub_call') this.observeProxyPages(pre, post);
    this.observeCaps(op, pre, post, t, P, ok);
    this.noteRunning(post);
  }

  private observeTags(op: DipcOp, pre: DipcState, post: DipcState, P: number, ok: boolean): void {
    for (const [tag, d] of post.os.domains) {
      if (pre.os.domains.has(tag) && this.own.tags.has(tag)) continue;
      // Who may have made this tag: the actor by dom_create, a new process or image its default/stack domains, the kernel a proxy domain.
      const newProc = post.os.processes.findIndex((p, q) => (q >= pre.os.processes.length || (op.op === 'syscall' && op.call.k === 'exec' && q === P)) && (p.defaultDomain === tag || p.stackDomain === tag));
      const maker: Owner | null =
        d.kind === 'proxy' ? 'kernel'
        : op.op === 'syscall' && op.call.k === 'dom_create' && ok ? P
        : newProc >= 0 ? newProc : null;
      if (maker === null) this.wrongs.push(`tag ${tag} appeared (${d.kind}) with no act that makes one`);
      this.own.tags.set(tag, maker ?? 'kernel');
      // A new process's stack domain, as it was made: stacks live in these tags only.
      if (newProc >= 0 && post.os.processes[newProc].stackDomain === tag) this.own.stackTags.add(tag);
      else this.own.stackTags.delete(tag);
    }
  }

  private observeRemap(c: { dst: number; src: number; a: Parameters<typeof resolveAddress>[2]; n: number }, pre: DipcState, t: number, P: number): void {
    const first = pageIndexOf(table(pre), resolveAddress(pre.hw, pre.hw.threads[t], c.a));
    if (first === null) return;
    const hs = pre.os.processes[P]?.handles.length ?? 0;
    const src = this.auth.handle(P, resolveIndex(c.src, hs));
    const dst = this.auth.handle(P, resolveIndex(c.dst, hs));
    // The pages go to the process that made the destination domain (the remapper's own
    // domain: to the remapper; back into the owner's own domain: they stay the owner's).
    const dstMaker = dst?.k === 'dom' ? this.own.tags.get(dst.tag) : undefined;
    const to = typeof dstMaker === 'number' ? dstMaker : P;
    for (let p = first; p < first + c.n && p < pre.hw.pages.length; p++) {
      const owner = this.own.pageOwner(p);
      if (owner === P) continue;
      // Only the owner's consent (an owner handle for the source domain that it gave) moves its pages.
      if (src?.k === 'dom' && src.perm === 'owner' && src.consent === owner && typeof owner === 'number') this.own.movePage(p, to);
      else this.wrongs.push(`dom_remap by p${P} moved page ${p} of ${owner === null ? 'no process' : `p${owner}`} without its owner handle`);
    }
  }

  private observeHandles(op: DipcOp, pre: DipcState, post: DipcState, P: number, ok: boolean): void {
    post.os.processes.forEach((proc, q) => {
      const before = pre.os.processes[q]?.handles ?? [];
      const recs = this.auth.handles.get(q) ?? [];
      // A fork copies the parent's table with the parent's consents.
      if (q >= pre.os.processes.length && op.op === 'syscall' && op.call.k === 'fork' && P >= 0) {
        this.auth.handles.set(q, (this.auth.handles.get(P) ?? []).slice(0, proc.handles.length));
        return;
      }
      for (let i = 0; i < proc.handles.length; i++) {
        const h = proc.handles[i];
        if (i < before.length) {
          if (!sameHandle(before[i], h)) {
            this.wrongs.push(`p${q}'s handle h${i} changed in place`);
            recs[i] = { k: 'dom', tag: -1, perm: 'call', consent: null };
          }
          continue;
        }
        recs[i] = this.newHandle(op, pre, h, q, P, ok);
      }
      this.auth.handles.set(q, recs.slice(0, proc.handles.length));
    });
  }

  /** Whose consent a handle that just appeared in q's table carries. */
  private newHandle(op: DipcOp, pre: DipcState, h: Handle, q: number, P: number, ok: boolean): HandleRec {
    const c = op.op === 'syscall' && ok ? op.call : null;
    const hs = P >= 0 ? pre.os.processes[P]?.handles.length ?? 0 : 0;
    if (c?.k === 'handle_send' && q === resolveIndex(c.pid, pre.os.processes.length)) {
      const from = this.auth.handle(P, resolveIndex(c.h, hs));
      if (from !== undefined && sameKind(from, h)) return from;
      this.wrongs.push(`p${q} received a handle that is not the one p${P} sent`);
      return forged(h);
    }
    if (c?.k === 'dom_copy' && q === P) {
      const from = this.auth.handle(P, resolveIndex(c.h, hs));
      if (from?.k === 'dom' && h.k === 'dom' && h.tag === from.tag && copyAllowed(from.perm, h.perm)) return { ...from, perm: h.perm };
      this.wrongs.push(`dom_copy by p${P} made a handle its source does not allow`);
      return forged(h);
    }
    if (c?.k === 'grant_create' && q === P && h.k === 'grant') return { k: 'grant', grant: this.grantCreated(c, pre, P) };
    if (h.k === 'dom') {
      // A handle made from nothing (dom_default, dom_create, an import's resolution) names what its holder owns, or a proxy.
      const owner = this.own.tags.get(h.tag) ?? null;
      if (owner !== q && owner !== 'kernel') this.wrongs.push(`p${q} got a handle to d${h.tag} of ${owner === null ? 'nobody' : `p${owner}`} from nothing`);
      return { k: 'dom', tag: h.tag, perm: h.perm, consent: owner === q || owner === 'kernel' ? owner : null };
    }
    if (h.k === 'grant') return { k: 'grant', grant: null };
    return { k: 'entry', entry: h.entry, consent: q };
  }

  /** grant_create (§5.2.2): owner rights on the source; the grant carries the dst handle's consent and permission. */
  private grantCreated(c: { src: number; dst: number }, pre: DipcState, P: number): number {
    const hs = pre.os.processes[P]?.handles.length ?? 0;
    const src = this.auth.handle(P, resolveIndex(c.src, hs));
    const dst = this.auth.handle(P, resolveIndex(c.dst, hs));
    const okSrc = src?.k === 'dom' && src.perm === 'owner' && src.consent !== null;
    if (!okSrc) this.wrongs.push(`grant_create by p${P} without owner rights on its source h${c.src}`);
    const i = this.auth.grants.length;
    this.auth.grants.push({
      src: src?.k === 'dom' ? src.tag : -1, dst: dst?.k === 'dom' ? dst.tag : -1,
      rank: dst?.k === 'dom' && okSrc ? rankOfHandle(dst.perm) : 0,
      consent: dst?.k === 'dom' && okSrc ? dst.consent : null, by: P, live: true,
    });
    return i;
  }

  /**
   * entry_register (Table 2, §5.2.3): a process publishes entries of its own code, or of the
   * code of a process that gave it an owner handle to the domain that code is in (the page's
   * tag, as the hardware holds it, is that handle's).
   */
  private observeRegister(c: { h: number; entries: readonly { a: Parameters<typeof resolveAddress>[2]; sig: Signature; policy: readonly string[] }[] }, pre: DipcState, post: DipcState, t: number, P: number): void {
    const made = post.os.entries.length - 1;
    if (made < pre.os.entries.length) return;
    this.entryOwner.set(made, P);
    this.entrySignatures.set(made, c.entries.map((e) => canonicalSignature(e.sig)));
    this.entryPolicies.set(made, c.entries.map((e) => canonicalPolicy(e.policy)));
    const rec = this.auth.handle(P, resolveIndex(c.h, pre.os.processes[P]?.handles.length ?? 0));
    const list: WEntry[] = [];
    this.entryAddresses.set(made, c.entries.map((e) => resolveAddress(pre.hw, pre.hw.threads[t], e.a)));
    for (const e of c.entries) {
      const a = resolveAddress(pre.hw, pre.hw.threads[t], e.a);
      const O = this.codeOwner(pre, a);
      const pg = pageIndexOf(table(pre), a);
      const delegated = typeof O === 'number' && O !== P && rec?.k === 'dom' && rec.perm === 'owner' && rec.consent === O && pg !== null && pre.hw.pages[pg].tag === rec.tag;
      if (O === P || delegated) list.push({ address: a, owner: P, code: O as number });
      else this.wrongs.push(`entry_register by p${P} published 0x${a.toString(16)}, which is neither its own code nor code whose owner gave it owner rights on the domain`);
    }
    this.entries.set(made, list);
  }

  /** New proxies: what the entry_request (or the stub_call's import) asked of which entry record, through the handle as the witness recorded it. */
  private observeProxies(op: DipcOp, pre: DipcState, post: DipcState, P: number): void {
    const n0 = pre.os.proxies.length;
    if (post.os.proxies.length <= n0 || P < 0) return;
    const p = pre.os.processes[P];
    if (p === undefined) return;
    let requests: readonly { sig: Signature; policy: readonly string[] }[] = [];
    let handle: number | null = null;
    if (op.op === 'syscall' && op.call.k === 'entry_request') {
      requests = op.call.entries;
      handle = resolveIndex(op.call.e, p.handles.length);
    } else if (op.op === 'stub_call' && p.imports.length > 0) {
      // The import table is the process's configuration: its signature, policy and entry handle.
      const k = importIndex(op.i, p.imports.length);
      const imp = p.imports[k];
      requests = [{ sig: imp.signature, policy: imp.policy }];
      handle = imp.handle;
      this.importProxy.set(`${P}:${k}`, n0);
    }
    for (let j = n0; j < post.os.proxies.length; j++) this.proxyAt.set(post.os.proxies[j].address, j);
    const rec = handle === null ? undefined : this.auth.handle(P, handle);
    if (rec?.k !== 'entry') {
      this.wrongs.push(`${op.op} by p${P} made proxies without an entry handle it was given`);
      return;
    }
    const registered = this.entryPolicies.get(rec.entry) ?? [];
    for (let j = n0; j < post.os.proxies.length; j++) {
      const slot = j - n0;
      const r = requests[slot];
      const calleePolicy = registered[slot] ?? [];
      const callerPolicy = r === undefined ? [] : canonicalPolicy(r.policy);
      this.proxies.set(j, {
        entry: rec.entry, slot, signature: r === undefined ? post.os.proxies[j].signature : canonicalSignature(r.sig),
        calleePolicy, callerPolicy, policy: effectivePolicy(calleePolicy, callerPolicy),
      });
    }
  }

  private observeProxyPages(pre: DipcState, post: DipcState): void {
    post.hw.pages.forEach((pg, p) => {
      if (pg.mapped && !pre.hw.pages[p]?.mapped && typeof this.own.pageOwner(p) !== 'number') this.proxyPages.add(p);
    });
  }

  private observeCaps(op: DipcOp, pre: DipcState, post: DipcState, t: number, P: number, ok: boolean): void {
    for (let id = pre.hw.caps.length; id < post.hw.caps.length; id++) {
      const c = post.hw.caps[id];
      if (c.parent !== null) {
        this.auth.caps.set(id, { consent: this.auth.caps.get(c.parent)?.consent ?? null });
        continue;
      }
      // A root made by the thread's own cap_create carries the consent of the memory's owner
      // only if the creator owns it or a grant from that owner reaches it; the kernel's (stacks, return paths, stubs) are its own.
      if (op.op !== 'cap_create' || !ok || t < 0) {
        this.auth.caps.set(id, { consent: 'kernel' });
        continue;
      }
      const pg = pageIndexOf(table(pre), c.base);
      const owner = pg === null ? null : this.own.pageOwner(pg);
      const from = pageIndexOf(table(pre), pre.hw.threads[t].ip);
      const fromTag = from === null ? -1 : pre.hw.pages[from].tag;
      const need = c.perm === 'write' ? 3 : 2;
      const consented = owner === P || owner === 'kernel' || (owner !== null && pg !== null && this.auth.grantRank(fromTag, pre.hw.pages[pg].tag, owner) >= need)
        || (pg !== null && (this.auth.boot.get(fromTag * pre.hw.numDomains + pre.hw.pages[pg].tag) ?? 0) >= need && owner !== null);
      this.auth.caps.set(id, { consent: consented ? owner : null });
    }
  }

  /** APL entries towards a process's tag that no live grant (or the boot configuration) explains. */
  aplWrongs(post: DipcState): string | null {
    const n = post.hw.numDomains;
    for (const [key, perm] of post.hw.apl) {
      const src = Math.floor(key / n);
      const dst = key % n;
      if (src === dst) continue;
      const owner = this.own.tags.get(dst);
      if (owner === undefined || owner === 'kernel') continue;
      const allowed = this.auth.allowedRank(key, src, dst);
      if (aplRank(perm) > allowed) return `the APL of d${src} gives ${perm} on d${dst} (of p${owner}); the grants seen allow ${['nothing', 'call', 'read', 'write'][allowed]}`;
    }
    return null;
  }

  /** Is a capability usable for this word carrying `owner`'s consent (or the kernel's)? */
  capJustifies(s: DipcState, t: number, a: number, owner: Owner): boolean {
    return s.hw.threads[t].capRegs.some((id) => {
      if (id === null || id === undefined || id >= s.hw.caps.length) return false;
      const c = s.hw.caps[id];
      if (isRevoked(s.hw.caps, id) || a < c.base || a >= c.base + c.length) return false;
      const consent = this.auth.caps.get(id)?.consent ?? null;
      return consent === owner || consent === 'kernel';
    });
  }

  /** The stack pointer of thread t in a state. */
  static sp(s: DipcState, t: number): number {
    return s.hw.threads[t]?.regs[SP] ?? 0;
  }
}

const sameKind = (r: HandleRec, h: Handle): boolean =>
  r.k === h.k && (r.k !== 'dom' || (h.k === 'dom' && h.tag === r.tag && h.perm === r.perm));

const sameHandle = (a: Handle, b: Handle): boolean =>
  a.k === b.k && (a.k === 'dom' ? b.k === 'dom' && a.tag === b.tag && a.perm === b.perm : a.k === 'grant' ? b.k === 'grant' && a.grant === b.grant : b.k === 'entry' && a.entry === b.entry);

const forged = (h: Handle): HandleRec => (h.k === 'dom' ? { k: 'dom', tag: h.tag, perm: h.perm, consent: null } : h.k === 'grant' ? { k: 'grant', grant: null } : { k: 'entry', entry: h.entry, consent: null });
