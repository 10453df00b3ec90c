// Entry points (§5.2.3, §6.1.1, Table 2): entry_register publishes entries of a domain the
// caller owns; entry_request checks every signature (P4), then builds one proxy per entry
// in a new proxy domain, each an instance of a cached template, at aligned slots of fresh
// kernel pages (exec + privileged), and returns a handle with call permission (DESIGN §11).
// Signatures are kept in canonical form (exactly their four fields).
import type { AddrSel } from '../../alphabet/address';
import { canonicalSignature, sameSignature, type Signature } from '../../alphabet/policy';
import { DOM_PROXY } from './domain-table';
import type { EntryPointRecord } from './entry-table';
import { GrantCalls } from './grant-calls';
import { H_DOM, H_ENTRY, HP_CALL, HP_OWNER } from './handle-table';
import { PROXY_PAGE } from './hardware';
import type { SysResult } from './kernel-core';
import { effectiveMask, policyMask } from './policy-mask';
import { templateKeyOf } from './proxy-templates';

type EntryDesc = { readonly a: AddrSel; readonly sig: Signature; readonly policy: readonly string[] };
type EntryReq = { readonly sig: Signature; readonly policy: readonly string[] };

export class EntryCalls extends GrantCalls {
  /** P4: a request matches a registered entry only with the very same signature. */
  protected signaturesMatch(requested: Signature, registered: Signature): boolean {
    return sameSignature(requested, registered);
  }

  /** The template cache key: the signature and the effective policy (§6.1.1). */
  protected templateKey(sig: Signature, policy: number): number {
    return templateKeyOf(sig, policy);
  }

  /** entry_register(h, entries): notDipc, badHandle, permDenied (owner), badRange (1..4), badEntry (exec page of h's tag). */
  protected entryRegister(t: number, pid: number, h: number, entries: readonly EntryDesc[]): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.domHandle(pid, h);
    if (i < 0) return 'badHandle';
    if (p.handles.perm[i] !== HP_OWNER) return 'permDenied';
    if (entries.length < 1 || entries.length > 4) return 'badRange';
    const points: EntryPointRecord[] = [];
    for (const e of entries) {
      points.push({ address: this.hw.address(t, e.a), signature: canonicalSignature(e.sig), policy: policyMask(e.policy) });
    }
    return this.registerEntries(pid, p.handles.ref[i], points);
  }

  /** entry_register's effect once the handle is checked (also the boot loader's): badEntry unless every address is code of `tag`. */
  protected registerEntries(pid: number, tag: number, points: EntryPointRecord[]): SysResult {
    const hw = this.hw;
    for (const pt of points) {
      const pg = hw.pages.pageIndexOf(pt.address);
      if (pg < 0 || !hw.pageIsExec(pg) || hw.pages.tag[pg] !== tag) return 'badEntry';
    }
    const id = this.entries.entries.length;
    this.entries.entries.push({ domain: tag, owner: pid, points, image: this.processes.list[pid].image });
    return this.processes.list[pid].handles.add(H_ENTRY, id, 0, pid, null);
  }

  /** entry_request(e, entries): the op's policies as masks, then requestProxies. */
  protected entryRequest(pid: number, e: number, requests: readonly EntryReq[]): SysResult {
    const masks: number[] = [];
    for (const r of requests) masks.push(policyMask(r.policy));
    return this.requestProxies(pid, e, requests, masks);
  }

  /** An entry handle's entry, live (its owner alive), or -1: badHandle. */
  protected liveEntryOf(pid: number, e: number): number {
    const i = this.entryHandle(pid, e);
    if (i < 0) return -1;
    const id = this.processes.list[pid].handles.ref[i];
    return this.entryStands(id) ? id : -1;
  }

  /** An entry stands while its owner is alive and still runs the image that registered it. */
  protected entryStands(id: number): boolean {
    const e = this.entries.entries[id];
    const owner = this.processes.list[e.owner];
    return owner.alive && owner.image === e.image;
  }

  /** entry_request's ladder: notDipc, badHandle (a live entry), signatureMismatch (P4), noTags, noMemory. */
  protected requestProxies(pid: number, e: number, requests: readonly { readonly sig: Signature }[], callerMasks: readonly number[]): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const id = this.liveEntryOf(pid, e);
    if (id < 0) return 'badHandle';
    const entry = this.entries.entries[id];
    const n = requests.length;
    if (n !== entry.points.length) return 'signatureMismatch';
    for (let k = 0; k < n; k++) if (!this.signaturesMatch(requests[k].sig, entry.points[k].signature)) return 'signatureMismatch';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    // Two aligned slots per proxy (its first instruction, then its return path), packed from
    // the first aligned address of fresh kernel pages, with one slot of slack for alignment.
    const align = this.hw.entryAlign;
    const W = this.hw.wordsPerPage;
    const pages = Math.ceil(((2 * n + 1) * align) / W);
    const first = this.space.takeKernelPages(pages);
    if (first < 0) return 'noMemory';
    this.claimTag(tag, DOM_PROXY, pid);
    this.hw.mapPages(first, pages, tag, PROXY_PAGE);
    this.entries.mapProxyWords(first * W, (first + pages) * W);
    const firstSlot = Math.ceil((first * W) / align) * align;
    const calleeTag = this.processes.list[entry.owner].defaultDomain;
    for (let k = 0; k < n; k++) {
      const sig = canonicalSignature(requests[k].sig);
      const point = entry.points[k];
      const policy = effectiveMask(point.policy, callerMasks[k]);
      const template = this.templates.lookup(this.templateKey(sig, policy), sig, policy);
      const address = firstSlot + 2 * k * align;
      this.entries.addProxy({
        domain: tag, entry: id, slot: k, address, returnPath: address + align, template, signature: sig,
        caller: pid, callee: entry.owner, calleeTag, target: point.address, calleePolicy: point.policy,
      });
    }
    return p.handles.add(H_DOM, tag, HP_CALL, pid, null);
  }
}
