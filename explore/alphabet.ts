// The finite op alphabet of a state (docs/explore.md "Alphabet"): every op kind an adversary
// or the environment may run (CODOMs instructions, Table 2 system calls, the honest stub
// macros, kill, time-out), each argument over a small domain. Index arguments range over
// what exists in the state (threads, processes, handles, imports: 0..n-1, since an index
// resolves modulo n, alphabet/resolve.ts); values are 0, 1 and the scope's secrets;
// addresses are the selectors the generators aim with (gen/ops.ts, gen/dipc-ops.ts), one
// of each kind at its edge. Candidates that do the same thing in a state (same output,
// same successor state) are merged by the search, so an index that resolves to the same
// thing as another counts once.
import { type AddrSel, addrToString } from '../alphabet/address';
import { CAP_PERMS, NUM_REGS, SP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import { type DipcOp, type HandlePerm, type Syscall, SYSCALL_NAMES } from '../alphabet/dipc-ops';
import { type Op, OP_NAMES, type PrivAction } from '../alphabet/ops';
import type { IsolationProp, Signature } from '../alphabet/policy';
import type { DipcState } from '../spec/state/dipc';

/** What the alphabet of a state depends on: how many of each indexed thing exist. */
export interface StateShape {
  readonly threads: number;
  readonly processes: number;
  readonly handles: number;
  readonly imports: number;
  readonly cpus: number;
}

export const shapeOf = (s: DipcState): StateShape => ({
  threads: s.os.threads.length,
  processes: s.os.processes.length,
  handles: Math.max(1, ...s.os.processes.map((p) => p.handles.length)),
  imports: Math.max(1, ...s.os.processes.map((p) => p.imports.length)),
  cpus: s.config.numCpus,
});

/** The argument domains, fixed per scope (stated in the certificate). */
export interface Domains {
  readonly values: readonly number[];
  readonly registers: readonly number[];
  /**
   * The registers li writes: all of them. A stub must keep or clear every register (register
   * integrity and confidentiality, §5.2.3), not only the ones that carry arguments, and a
   * mutant that forgets one register is found only by writing that register.
   */
  readonly liRegisters: readonly number[];
  readonly capRegisters: readonly number[];
  readonly addresses: readonly AddrSel[];
  readonly capSlots: readonly AddrSel[];
  /** Where entry_register publishes an entry: its own code (code#0, code#1) and other domains' (entry(d1#0), entry(d2#0)). */
  readonly entryAddresses: readonly AddrSel[];
  /** Signatures entry_register declares (the config's). */
  readonly signatures: readonly Signature[];
  /** Signatures entry_request asks for: the config's, and each with one field one larger. */
  readonly requestSignatures: readonly Signature[];
  /** Policies entry_register declares and entry_request asks for. */
  readonly registerPolicies: readonly (readonly IsolationProp[])[];
  readonly requestPolicies: readonly (readonly IsolationProp[])[];
  /** Stub argument and result vectors (each a list of one value repeated). */
  readonly argVectors: readonly (readonly number[])[];
}

const uniq = <T>(xs: readonly T[]): T[] => {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** The secrets of a config: the boot words of honest processes' data pages (DESIGN §6). */
export const secretsOf = (cfg: DipcConfig): number[] =>
  uniq(cfg.processes.flatMap((p) => (p.honest ? (p.data ?? []) : []))).filter((v) => v !== 0 && v !== 1);

/** The address selectors the generators use, one per kind at its edge. */
export const ADDRESSES: readonly AddrSel[] = [
  { k: 'code', i: 0, o: 0 },
  { k: 'code', i: 1, o: 0 },
  { k: 'code', i: 0, o: 1 },
  { k: 'stack', o: 0 },
  { k: 'stack', o: -1 },
  { k: 'stack', o: 1 },
  { k: 'capBase', c: 0, o: 0 },
  { k: 'capEnd', c: 0, o: -1 },
  { k: 'capEnd', c: 0, o: 0 },
  { k: 'reg', r: 0, o: 0 },
  { k: 'capPage', i: 0, o: 0 },
  { k: 'entry', d: 1, i: 0, o: 0 },
  { k: 'entry', d: 2, i: 0, o: 0 },
  { k: 'page', p: 0, o: 0 },
];

const range = (n: number): number[] => Array.from({ length: Math.max(0, n) }, (_, i) => i);

/** entry_register's addresses: the thread's own code, and the first entry of domains 1 and 2 (someone else's code, §5.2.3). */
export const ENTRY_ADDRESSES: readonly AddrSel[] = [
  { k: 'code', i: 0, o: 0 },
  { k: 'code', i: 1, o: 0 },
  { k: 'entry', d: 1, i: 0, o: 0 },
  { k: 'entry', d: 2, i: 0, o: 0 },
];

export const domainsOf = (cfg: DipcConfig, policies?: { readonly register: readonly (readonly IsolationProp[])[]; readonly request: readonly (readonly IsolationProp[])[] }): Domains => {
  const values = uniq([0, 1, ...secretsOf(cfg)]);
  // The config's signatures, a plain one (two registers in, one out) and one with an argument of
  // every kind, so that an entry with stack and DCS arguments can be registered in any scope.
  const sigs = uniq([
    ...cfg.processes.flatMap((p) => [...(p.exports ?? []).map((e) => e.sig), ...(p.imports ?? []).map((i) => i.sig)]),
    { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 },
    { inRegs: 2, outRegs: 1, stackWords: 1, dcsArgs: 1 },
  ]);
  // entry_request also asks with each signature one field off, one larger and one smaller: a
  // mismatch either way the kernel must refuse (§5.2.3).
  const off = (g: Signature): Signature[] => [
    { ...g, inRegs: g.inRegs + 1 }, { ...g, outRegs: g.outRegs + 1 }, { ...g, stackWords: g.stackWords + 1 }, { ...g, dcsArgs: g.dcsArgs + 1 },
    ...(g.inRegs > 0 ? [{ ...g, inRegs: g.inRegs - 1 }] : []),
    ...(g.outRegs > 0 ? [{ ...g, outRegs: g.outRegs - 1 }] : []),
    ...(g.stackWords > 0 ? [{ ...g, stackWords: g.stackWords - 1 }] : []),
    ...(g.dcsArgs > 0 ? [{ ...g, dcsArgs: g.dcsArgs - 1 }] : []),
  ];
  const requestSigs = uniq([...sigs, ...sigs.flatMap(off)]);
  const regPols = policies?.register ?? uniq([[], ...cfg.processes.flatMap((p) => (p.exports ?? []).map((e) => e.policy))]);
  const reqPols = policies?.request ?? uniq([[], ...cfg.processes.flatMap((p) => (p.imports ?? []).map((i) => i.policy))]);
  return {
    values,
    registers: [0, 1, 8],
    liRegisters: range(NUM_REGS),
    capRegisters: [0, 1, 6],
    addresses: ADDRESSES,
    capSlots: [{ k: 'capPage', i: 0, o: 0 }, { k: 'stack', o: 0 }],
    entryAddresses: ENTRY_ADDRESSES,
    signatures: sigs,
    requestSignatures: requestSigs,
    registerPolicies: regPols,
    requestPolicies: reqPols,
    argVectors: values.map((v) => Array.from({ length: 8 }, () => v)),
  };
};

const PERMS: readonly HandlePerm[] = ['owner', 'write', 'read', 'call'];

const syscalls = (sh: StateShape, d: Domains): Syscall[] => {
  const H = range(sh.handles);
  const out: Syscall[] = [{ k: 'dom_default' }, { k: 'dom_create' }, { k: 'thread_create' }, { k: 'fork' }, { k: 'exec' }];
  for (const h of H) for (const perm of PERMS) out.push({ k: 'dom_copy', h, perm });
  for (const h of H) for (const prot of [{ r: true, w: true, x: false }, { r: true, w: false, x: true }]) out.push({ k: 'dom_mmap', h, n: 1, prot });
  for (const dst of H) for (const src of H) for (const a of [{ k: 'code', i: 0, o: 0 }, { k: 'stack', o: 0 }] as AddrSel[]) out.push({ k: 'dom_remap', dst, src, a, n: 1 });
  for (const src of H) for (const dst of H) out.push({ k: 'grant_create', src, dst });
  for (const g of H) out.push({ k: 'grant_revoke', g });
  for (const h of H)
    for (const a of d.entryAddresses)
      for (const sig of d.signatures) for (const policy of d.registerPolicies) out.push({ k: 'entry_register', h, entries: [{ a, sig, policy: [...policy] }] });
  for (const e of H) for (const sig of d.requestSignatures) for (const policy of d.requestPolicies) out.push({ k: 'entry_request', e, entries: [{ sig, policy: [...policy] }] });
  for (const h of H) for (const pid of range(sh.processes)) out.push({ k: 'handle_send', h, pid });
  out.push({ k: 'spawn', honest: true }, { k: 'spawn', honest: false });
  return out;
};

const raw = (t: number, sh: StateShape, d: Domains): Op[] => {
  const out: Op[] = [];
  const R = d.registers;
  const C = d.capRegisters;
  for (const r of d.liRegisters) for (const v of d.values) out.push({ op: 'li', t, r, v });
  for (const r of R) for (const s of R) if (r !== s) out.push({ op: 'mov', t, r, s });
  for (const r of R.slice(0, 2)) for (const a of d.addresses) out.push({ op: 'load', t, r, a }, { op: 'store', t, r, a });
  for (const a of d.addresses) out.push({ op: 'call', t, a }, { op: 'jump', t, a });
  out.push({ op: 'ret', t });
  for (const c of C.slice(0, 2))
    for (const a of [{ k: 'stack', o: -1 }, { k: 'code', i: 0, o: 0 }, { k: 'capPage', i: 0, o: 0 }] as AddrSel[])
      for (const perm of CAP_PERMS) out.push({ op: 'cap_create', t, c, a, len: 1, perm, kind: 'async' });
  for (const c of C.slice(0, 2)) for (const s of C) for (const perm of CAP_PERMS) out.push({ op: 'cap_derive', t, c, s, off: 0, len: 1, perm, kind: 'async' });
  for (const c of C) out.push({ op: 'cap_clear', t, c }, { op: 'cap_revoke', t, c }, { op: 'cap_push', t, c }, { op: 'cap_pop', t, c });
  for (const c of C) for (const a of d.capSlots) out.push({ op: 'cap_store', t, c, a }, { op: 'cap_load', t, c, a });
  const acts: PrivAction[] = [{ k: 'nop' }, ...d.values.slice(0, 2).map((v) => ({ k: 'dcs_base' as const, v }))];
  for (const src of [0, 1]) for (const dst of [0, 1]) for (const perm of ['call', 'read', 'write', 'none'] as const) acts.push({ k: 'apl_set', src, dst, perm });
  for (const act of acts) out.push({ op: 'priv', t, act });
  for (const cpu of range(sh.cpus)) out.push({ op: 'schedule', t, cpu });
  out.push({ op: 'fault', t });
  return out;
};

/** Every candidate op of a state, in a fixed order (the order decides which of merged ops is shown). */
export const candidates = (sh: StateShape, d: Domains): DipcOp[] => {
  const out: DipcOp[] = [];
  for (const t of range(sh.threads)) {
    for (const call of syscalls(sh, d)) out.push({ op: 'syscall', t, call });
    for (const i of range(sh.imports)) for (const args of d.argVectors) out.push({ op: 'stub_call', t, i, args: [...args] });
    for (const results of d.argVectors) out.push({ op: 'stub_return', t, results: [...results] });
    out.push({ op: 'timeout', t });
    out.push(...raw(t, sh, d));
  }
  for (const pid of range(sh.processes)) out.push({ op: 'kill', pid });
  return out;
};

const regName = (r: number): string => (r === SP ? 'sp' : `r${r}`);

/** The domains in words, for the certificate. */
export const describeDomains = (d: Domains): Record<string, string> => ({
  threads: '0..threads-1 (threads existing in the state)',
  processes: '0..processes-1',
  handles: '0..h-1 (h: the most handles any process holds)',
  imports: '0..i-1 (i: the most imports any process has)',
  values: d.values.join(', '),
  registers: `${d.registers.map(regName).join(', ')}; li writes every register (${d.liRegisters.map(regName).join(', ')})`,
  capRegisters: d.capRegisters.map((c) => `c${c}`).join(', '),
  addresses: d.addresses.length.toString(),
  entryAddresses: d.entryAddresses.map(addrToString).join(', '),
  signatures: d.signatures.map((s) => `${s.inRegs}/${s.outRegs}/${s.stackWords}/${s.dcsArgs}`).join(', '),
  requestSignatures: `${d.requestSignatures.length}: those, and each with one field (in/out/stack/dcs) one larger or one smaller`,
  registerPolicies: d.registerPolicies.map((p) => `{${p.join(',')}}`).join(' '),
  requestPolicies: d.requestPolicies.map((p) => `{${p.join(',')}}`).join(' '),
  stubVectors: `8 words, each ${d.values.join(' or ')}`,
  lengths: 'dom_mmap/dom_remap 1 page; cap_create/cap_derive length 1, offset 0, kind async',
});

/** Every op kind the alphabet has (each is in every state's candidates): all the layer's kinds. */
export const OP_KINDS: readonly string[] = [...OP_NAMES, ...SYSCALL_NAMES.map((k) => `syscall:${k}`), 'stub_call', 'stub_return', 'timeout', 'kill'];
