// Entry points (§5.2.3, §6.1.1, Table 2): entry_register publishes entries of a domain the
// caller owns; entry_request checks every signature (P4), then builds one proxy per entry
// in a new proxy domain, each an instance of a cached template, at aligned slots of fresh
// kernel pages (exec + privileged), and returns a handle with call permission (DESIGN §11).
import type { AddrSel } from '../../alphabet/address';
import { sameSignature, type Signature } from '../../alphabet/policy';
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
    const tag = p.handles.ref[i];
    const hw = this.hw;
    const points: EntryPointRecord[] = [];
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      // A hole in the array (the codec lets one through; JSON cannot make one) names no address.
      if (e === undefined) return 'badEntry';
      const address = hw.address(t, e.a);
      const pg = hw.pages.pageIndexOf(address);
      if (pg < 0 || !hw.pageIsExec(pg) || hw.pages.tag[pg] !== tag) return 'badEntry';
      points.push({ address, signature: e.sig, policy: policyMask(e.policy) });
    }
    const id = this.entries.entries.length;
    this.entries.entries.push({ domain: tag, owner: pid, points, live: true });
    return p.handles.add(H_ENTRY, id, 0, pid, null);
  }

  /** entry_request(e, entries): notDipc, badHandle (live entry), signatureMismatch (P4), noTags, noMemory. */
  protected entryRequest(pid: number, e: number, requests: readonly EntryReq[]): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.entryHandle(pid, e);
    if (i < 0) return 'badHandle';
    const id = p.handles.ref[i];
    const entry = this.entries.entries[id];
    if (!entry.live) return 'badHandle';
    const n = requests.length;
    if (n !== entry.points.length) return 'signatureMismatch';
    for (let k = 0; k < n; k++) {
      const r = requests[k];
      if (r === undefined || !this.signaturesMatch(r.sig, entry.points[k].signature)) return 'signatureMismatch';
    }
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    // Two aligned slots per proxy (its first instruction, then its return path), packed from
    // the first aligned address of fresh kernel pages, with one slot of slack for alignment.
    const align = this.hw.entryAlign;
    const W = this.hw.wordsPerPage;
    const pages = Math.ceil(((2 * n + 1) * align) / W);
    const first = this.space.takeKernelPages(pages);
    if (first < 0) return 'noMemory';
    this.domains.claim(tag, DOM_PROXY, pid);
    const firstSlot = Math.ceil((first * W) / align) * align;
    for (let k = 0; k < n; k++) {
      const r = requests[k];
      const policy = effectiveMask(entry.points[k].policy, policyMask(r.policy));
      const template = this.templates.lookup(this.templateKey(r.sig, policy), r.sig, policy);
      const address = firstSlot + 2 * k * align;
      this.entries.proxies.push({
        domain: tag, entry: id, slot: k, address, returnPath: address + align, template, signature: r.sig,
        caller: pid, callee: entry.owner, live: true,
      });
    }
    this.hw.mapPages(first, pages, tag, PROXY_PAGE);
    return p.handles.add(H_DOM, tag, HP_CALL, pid, null);
  }
}
