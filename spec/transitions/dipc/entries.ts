// Entry points (§5.2.3, §6.1.1, Table 2): entry_register publishes entries of a domain the
// caller owns; entry_request checks every signature (P4) and builds one aligned proxy per
// entry in a new proxy domain, returning a handle with call permission (DESIGN §11).
import { type Signature, canonicalPolicy, canonicalSignature, effectivePolicy, sameSignature } from '../../../alphabet/policy';
import type { AddrSel } from '../../../alphabet/address';
import type { DipcState } from '../../state/dipc';
import type { EntryPoint, Proxy } from '../../state/entries';
import { pageIndexOf } from '../../state/pages';
import { resolveAddress } from '../addresses';
import { nextFreeTag, takeKernelPages } from './alloc';
import { domHandle, entryHandle } from './handle-lookup';
import { addHandle, done, mapPages, refuse, type SysResult, withHw, withOs } from './result';

/** entry_register(h, entries) -> entry handle, iff h is owner and every address is code of h's domain. */
export const entryRegister = (
  s: DipcState, t: number, pid: number, h: number,
  entries: readonly { a: AddrSel; sig: Signature; policy: readonly string[] }[],
): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const d = domHandle(s, pid, h);
  if (d === null) return refuse('badHandle');
  if (d.perm !== 'owner') return refuse('permDenied');
  if (entries.length < 1 || entries.length > 4) return refuse('badRange');
  const points = entries.map((e) => ({ address: resolveAddress(s.hw, s.hw.threads[t], e.a), signature: canonicalSignature(e.sig), policy: canonicalPolicy(e.policy) }));
  return registerEntries(s, pid, d.tag, points);
};

/** The effect of entry_register once the handle is checked: every address must be code of `tag` (badEntry). */
export const registerEntries = (s: DipcState, pid: number, tag: number, points: readonly EntryPoint[]): SysResult => {
  const table = { wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages };
  for (const pt of points) {
    const p = pageIndexOf(table, pt.address);
    if (p === null || !s.hw.pages[p].exec || s.hw.pages[p].tag !== tag) return refuse('badEntry');
  }
  const d = { tag };
  const entry = s.os.entries.length;
  const s1 = withOs(s, { entries: [...s.os.entries, { domain: d.tag, owner: pid, entries: [...points], live: true }] });
  const r = addHandle(s1, pid, { k: 'entry', entry, origin: pid, via: [] });
  return done(r.state, r.index);
};

/**
 * entry_request(e, entries) -> proxy-domain handle with call permission, iff every signature
 * equals the registered one (P4). Nothing is created when any check fails.
 */
export const entryRequest = (
  s: DipcState, pid: number, e: number, requests: readonly { sig: Signature; policy: readonly string[] }[],
): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const h = entryHandle(s, pid, e);
  if (h === null || !s.os.entries[h.entry].live) return refuse('badHandle');
  const entry = s.os.entries[h.entry];
  if (requests.length !== entry.entries.length || requests.some((r, i) => !sameSignature(r.sig, entry.entries[i].signature)))
    return refuse('signatureMismatch');
  const tag = nextFreeTag(s);
  if (tag === null) return refuse('noTags');
  // Two aligned slots per proxy, its first instruction then its return path, packed from
  // the first aligned address of fresh kernel pages (one slot of slack for the alignment).
  const align = s.hw.entryAlign;
  const W = s.hw.wordsPerPage;
  const pages = Math.ceil(((2 * requests.length + 1) * align) / W);
  const got = takeKernelPages(s, pages);
  if (got === null) return refuse('noMemory');
  const firstSlot = Math.ceil((got.first * W) / align) * align;
  const proxyBase = (i: number): number => firstSlot + 2 * i * align;
  const proxies: Proxy[] = requests.map((r, i) => {
    const base = proxyBase(i);
    return {
      domain: tag, entry: h.entry, slot: i, address: base, returnPath: base + align, signature: canonicalSignature(r.sig),
      policy: effectivePolicy(entry.entries[i].policy, r.policy), caller: pid, callee: entry.owner, live: true,
    };
  });
  const domains = new Map(s.os.domains);
  domains.set(tag, { kind: 'proxy', creator: pid });
  const proxyPage = { mapped: true, tag, read: false, write: false, exec: true, priv: true, capStore: false };
  const s1 = withOs(withHw(got.state, mapPages(got.state.hw, got.first, pages, proxyPage)), {
    domains,
    proxies: [...s.os.proxies, ...proxies],
  });
  const r = addHandle(s1, pid, { k: 'dom', tag, perm: 'call', origin: pid, via: [] });
  return done(r.state, r.index);
};
