// Generation by execution for the dIPC layer (issue 13): the trace is built by running it on
// the impl. Each step reads the system's state (α of the impl: processes, handles, threads
// and their KCS, proxies) and picks among the ops that mean something now, weighted toward
// follow-through:
//  - a thread away in an adversarial process acts on the call it holds: it reads and writes
//    around sp and over the edges of the stack and argument capabilities, pops the DCS,
//    puts a code address at [sp] and jumps into a proxy, returns through another proxy's
//    return path, calls further before returning; an honest callee returns or calls on;
//  - a capability just created, derived, popped or loaded is used at once;
//  - a handle just made or received (domain, grant or entry) is used by its holder, sent on,
//    and used again by the receiver; an entry is requested with its signature or one that
//    differs in a field; a grant just made is followed by a touch of the domain it opened;
//  - a process killed or exec'ed leaves addresses that are touched again once spawn and
//    mmap have reused them; calls go to the dead process's proxies;
//  - in systems with more domain tags than the 32-entry APL cache, domains are made in
//    bursts and touched, so cache slots are evicted and reused.
// Several of these are plans: a queue of follow-up ops, each still one step (one choice),
// that the next steps most often take.
import fc from 'fast-check';
import type { AddrSel } from '../../alphabet/address';
import { ARGS_CAP, RET_CAP, SP, STACK_CAP } from '../../alphabet/config';
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DipcOp, HandlePerm, Syscall } from '../../alphabet/dipc-ops';
import type { Op } from '../../alphabet/ops';
import { ISOLATION_PROPS, type IsolationProp, type Signature } from '../../alphabet/policy';
import { type Aims, acquiredCap, capUse, rawOp, succeeded } from './raw';
import { Rng, samplePattern } from './rng';
import { type DipcView, dipcView, steeringMachine } from './view';

const SIGNATURES: readonly Signature[] = [
  { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 },
  { inRegs: 4, outRegs: 2, stackWords: 2, dcsArgs: 1 },
  { inRegs: 1, outRegs: 1, stackWords: 4, dcsArgs: 2 },
];
const PERMS: readonly HandlePerm[] = ['owner', 'write', 'read', 'call'];

const args = (rng: Rng): number[] => Array.from({ length: rng.int(0, 6) }, () => rng.int(-5, 99));
const policy = (rng: Rng): IsolationProp[] => ISOLATION_PROPS.filter(() => rng.chance(0.5));
const signature = (rng: Rng): Signature =>
  rng.chance(0.8) ? rng.pick(SIGNATURES) : { inRegs: rng.int(0, 4), outRegs: rng.int(0, 4), stackWords: rng.int(0, 4), dcsArgs: rng.int(0, 2) };
/** A signature that differs from `sig` in one field (P4), most often the DCS arguments. */
const tweak = (rng: Rng, sig: Signature): Signature => {
  const field = rng.pick(['dcsArgs', 'dcsArgs', 'inRegs', 'outRegs', 'stackWords'] as const);
  const max = field === 'dcsArgs' ? 2 : 4;
  const v = sig[field] + (rng.chance(0.5) ? 1 : -1);
  return { ...sig, [field]: v < 0 || v > max ? (sig[field] === 0 ? 1 : sig[field] - 1) : v };
};

type Thunk = () => DipcOp;

/** The ops the choices make on `config`: one op per choice, each chosen in the state the ops before it left. */
export const guidedDipcOps = (config: DipcConfig, choices: readonly number[], patterns?: fc.Arbitrary<readonly DipcOp[]>): DipcOp[] => {
  const m = steeringMachine(config);
  const ops: DipcOp[] = [];
  /** Follow-up ops planned by earlier steps. */
  let plan: Thunk[] = [];
  /** Capabilities just acquired (thread, register), newest first. */
  let caps: { t: number; c: number }[] = [];
  /** Addresses of processes that were killed or exec'ed (their blocks are free for reuse). */
  const former: number[] = [];
  const manyTags = config.maxDomains > 32;
  let last: { op: DipcOp; ok: boolean; pre: DipcView } | null = null;
  for (const choice of choices) {
    const rng = new Rng(choice);
    const os = dipcView(m);
    const live = os.threads.flatMap((k, t) => (k.ended ? [] : [t]));
    const procOf = (t: number) => os.processes[os.threads[t]?.current ?? 0];
    const adversarial = live.filter((t) => { const p = procOf(t); return p !== undefined && p.alive && p.dipc && !p.honest; });
    const away = live.filter((t) => os.threads[t].depth > 0);
    const awayAdv = away.filter((t) => adversarial.includes(t));
    const awayHonest = away.filter((t) => !adversarial.includes(t));
    const threadsOf = (pid: number) => live.filter((t) => os.threads[t].current === pid);
    const liveProxies = os.proxies.filter((x) => x.live);
    const proxyAddrs = os.proxies.flatMap((x) => [x.address, x.returnPath]);
    const pids = os.processes.flatMap((p, i) => (p.alive ? [i] : []));
    const tags = os.tags;
    const foreignOf = (t: number) => [
      ...former,
      ...os.processes.flatMap((p, i) => (i !== os.threads[t]?.current && p.data !== null ? [p.data] : [])),
    ];
    const aimsOf = (t: number): Aims => {
      return {
        capRegs: os.capRegs(t),
        tags: tags.length > 0 ? tags : [0, 1],
        proxyAddrs,
        foreign: foreignOf(t),
      };
    };
    const anyThread = () => (live.length > 0 ? rng.pick(live) : rng.int(0, 3));
    const sys = (t: number, call: Syscall): DipcOp => ({ op: 'syscall', t, call });

    // What the last op made possible, read from the state it left.
    if (last !== null && last.ok) {
      const op: DipcOp = last.op;
      const pre: DipcView = last.pre;
      if (op.op === 'syscall') {
        const t: number = op.t;
        const pid = pre.threads[t]?.current ?? 0;
        const h = os.processes[pid]?.newest;
        if (op.call.k === 'handle_send') {
          // The receiver uses what it got (its newest handle).
          const to = threadsOf(((op.call.pid % os.processes.length) + os.processes.length) % os.processes.length);
          const got = os.processes[os.threads[to[0]]?.current ?? -1]?.newest;
          if (to.length > 0 && got !== undefined) plan = [() => useHandle(rng, rng.pick(to), got.k), ...plan];
        } else if (op.call.k === 'grant_create') {
          const dst = os.newestGrantDst;
          const touch: DipcOp = { op: rng.pick(['load', 'store', 'load'] as const), t, r: rng.int(0, 7), a: { k: 'entry', d: dst ?? 0, i: rng.int(0, 3), o: rng.pick([0, 0, 1, -1]) } };
          // Honest threads run no raw instruction: only an adversarial grantee touches.
          const raw = adversarial.includes(t);
          if (dst !== undefined && raw && os.numCpus > 1 && rng.chance(0.6)) {
            // The grant revoked from another CPU while this one cached the row, then the
            // domain touched again (§4.3: the revocation must reach every CPU's APL cache).
            // A new thread n runs on CPU n mod numCpus; the toucher moves to another one.
            const sib = threadsOf(pid).filter((u) => u !== t);
            const u = sib.length > 0 ? rng.pick(sib) : os.threads.length;
            const cpuU = sib.length > 0 ? os.threads[u].cpu : u % os.numCpus;
            plan = [
              () => ({ op: 'schedule', t, cpu: cpuU === 0 ? 1 : 0 }),
              () => touch,
              ...(sib.length > 0 ? [] : [(): DipcOp => sys(t, { k: 'thread_create' })]),
              () => sys(u, { k: 'grant_revoke', g: -1 }),
              () => touch,
              ...plan,
            ];
          } else if (dst !== undefined && raw) plan = [() => touch, ...plan];
        } else if (op.call.k === 'entry_request') {
          // An import resolved: open the proxy domain to the default domain, and call it.
          plan = [
            () => sys(t, { k: 'dom_default' }),
            () => sys(t, { k: 'grant_create', src: -1, dst: -2 }),
            () => ({ op: 'call', t, a: liveProxies.length > 0 ? { k: 'abs', a: rng.pick(liveProxies).address } : { k: 'entry', d: rng.pick(tags), i: 0, o: 0 } }),
            ...plan,
          ];
        } else if (h !== undefined && op.call.k !== 'dom_default' && op.call.k !== 'spawn' && op.call.k !== 'exec' && op.call.k !== 'fork' && op.call.k !== 'thread_create') {
          plan = [() => useHandle(rng, t, h.k), ...plan];
        }
      }
      if (op.op === 'timeout' && os.threads.length > pre.threads.length) {
        // A time-out split the call (§5.4): the split callee (the new thread) and the caller
        // go on with the capabilities they kept, and the callee returns late through the proxy.
        const callee = pre.threads.length;
        const caller = ((op.t % pre.threads.length) + pre.threads.length) % pre.threads.length;
        const use = (u: number): Thunk[] => { const cs = os.capRegs(u); return cs.length === 0 ? [] : [() => capUse(rng, u, rng.pick(cs), aimsOf(u)) as DipcOp]; };
        plan = [...use(callee), ...use(caller), ...use(callee), () => ({ op: 'stub_return', t: callee, results: args(rng) }), ...plan];
      }
      if (op.op === 'kill' || (op.op === 'syscall' && op.call.k === 'exec')) {
        // Freed blocks get new owners; what remembered the old owner reaches for it.
        plan = [
          () => sys(anyThread(), { k: 'spawn', honest: rng.chance(0.3) }),
          () => sys(anyThread(), { k: 'dom_create' }),
          () => sys(anyThread(), { k: 'dom_mmap', h: -1, n: rng.int(1, 3), prot: { r: true, w: true, x: rng.chance(0.3) } }),
          ...plan,
        ];
      }
      if (op.op !== 'syscall' && op.op !== 'stub_call' && op.op !== 'stub_return' && op.op !== 'kill' && op.op !== 'timeout') {
        const c = acquiredCap(op as Op);
        if (c !== null) caps = [{ t: op.t, c }, ...caps].slice(0, 4);
      }
    }
    if (last?.op.op === 'kill') {
      const n = last.pre.processes.length;
      const killed = last.pre.processes[((last.op.pid % n) + n) % n];
      if (killed?.data != null) former.push(killed.data);
    }

    /** The holder of a fresh handle of this kind uses it (h = -1, the newest). */
    function useHandle(r: Rng, t: number, kind: 'dom' | 'grant' | 'entry'): DipcOp {
      const other = pids.length > 0 ? r.pick(pids) : 0;
      const send = sys(t, { k: 'handle_send', h: -1, pid: other });
      if (kind === 'grant') return r.chance(0.5) ? sys(t, { k: 'grant_revoke', g: -1 }) : send;
      if (kind === 'entry') {
        const pid = os.threads[t]?.current ?? 0;
        const hd = os.processes[pid]?.newest;
        const known = hd?.k === 'entry' ? os.entrySignatures(hd.ref) : [];
        const sigs = known.length === 0 ? [signature(r)] : known;
        const entries = sigs.map((sig) => ({ sig: r.chance(0.25) ? tweak(r, sig) : sig, policy: policy(r) }));
        if (r.chance(0.15)) entries.push({ sig: r.pick(sigs), policy: policy(r) });
        return r.chance(0.7) ? sys(t, { k: 'entry_request', e: -1, entries }) : send;
      }
      return r.weighted<DipcOp>([
        [3, () => sys(t, { k: 'dom_mmap', h: -1, n: r.int(1, 3), prot: { r: r.chance(0.8), w: r.chance(0.6), x: r.chance(0.4) } })],
        [2, () => sys(t, { k: 'dom_copy', h: -1, perm: r.pick(PERMS) })],
        [3, () => sys(t, { k: 'grant_create', src: r.pick([-1, -2, 0]), dst: r.pick([-1, -1, -2]) })],
        [2, () => sys(t, { k: 'entry_register', h: -1, entries: [{ a: { k: 'code', i: r.int(0, 3), o: r.chance(0.9) ? 0 : 1 }, sig: signature(r), policy: policy(r) }] })],
        [3, () => send],
        [1, () => sys(t, { k: 'dom_remap', dst: -1, src: r.pick([-1, -2]), a: { k: 'code', i: 0, o: 0 }, n: r.int(0, 2) })],
      ])!;
    }

    /** sp moved off thread t's stack (another process's page, a proxy's), then a call into a proxy: the proxy must check sp (P2). */
    const spOffStack = (t: number): DipcOp => {
      const aims = aimsOf(t);
      plan = [
        () => ({ op: 'call', t, a: liveProxies.length > 0 ? { k: 'abs', a: rng.pick(liveProxies).address } : { k: 'entry', d: rng.pick(aims.tags), i: 0, o: 0 } }),
        ...plan,
      ];
      const off = rng.pick(aims.foreign.length > 0 ? aims.foreign : [0]);
      return { op: 'li', t, r: SP, v: rng.chance(0.6) ? off + rng.int(0, 7) : rng.pick(proxyAddrs.length > 0 ? proxyAddrs : [off]) + rng.int(-2, 2) };
    };

    /** An adversary holding a call acts on it (the thread is in its process, the caller waits). */
    const attack = (t: number): DipcOp => {
      const aims = aimsOf(t);
      return rng.weighted<DipcOp>([
        [4, () => ({ op: 'load', t, r: rng.int(0, 7), a: rng.pick<AddrSel>([
          { k: 'stack', o: rng.int(-2, 10) },
          { k: 'capEnd', c: rng.pick([STACK_CAP, ARGS_CAP, 0, 1]), o: rng.int(-2, 1) },
          { k: 'capBase', c: rng.pick([STACK_CAP, ARGS_CAP, 0, 1]), o: rng.int(-1, 3) },
        ]) })],
        [4, () => ({ op: 'store', t, r: rng.int(0, 7), a: rng.pick<AddrSel>([
          { k: 'stack', o: rng.int(-2, 10) },
          { k: 'capEnd', c: rng.pick([STACK_CAP, ARGS_CAP]), o: rng.pick([-1, -1, 0, 1]) },
          { k: 'capBase', c: rng.pick([STACK_CAP, ARGS_CAP, 0, 1]), o: rng.int(-1, 3) },
          { k: 'abs', a: rng.pick(aims.foreign.length > 0 ? aims.foreign : [0]) + rng.int(0, 7) },
        ]) })],
        [2, () => ({ op: 'li', t, r: rng.int(0, 7), v: rng.int(-2, 60) })],
        [2, () => ({ op: 'cap_pop', t, c: rng.int(0, 4) })],
        [1, () => ({ op: 'cap_push', t, c: rng.int(0, 7) })],
        [3, () => ({ op: 'ret', t })],
        [3, () => ({ op: 'stub_return', t, results: args(rng) })],
        [2, () => ({ op: 'stub_call', t, i: rng.int(0, 3), args: args(rng) })],
        // A third party's code address at [sp], then into a proxy (P2, P3).
        [2, () => {
          const target = rng.chance(0.5) && proxyAddrs.length > 0 ? rng.pick(proxyAddrs) : rng.pick(aims.foreign.length > 0 ? aims.foreign : [0]);
          plan = [
            () => ({ op: 'store', t, r: 3, a: { k: 'stack', o: 0 } }),
            () => ({ op: rng.pick(['jump', 'call'] as const), t, a: liveProxies.length > 0 ? { k: 'abs', a: rng.pick(liveProxies).address } : { k: 'entry', d: rng.pick(aims.tags), i: 0, o: 0 } }),
            ...plan,
          ];
          return { op: 'li', t, r: 3, v: target };
        }],
        // sp moved off the thread's stack (onto another process's page, a proxy's, the
        // caller's frame), then into a proxy: the proxy must check sp (P2).
        [2, () => spOffStack(t)],
        // Return through another proxy's return path, or jump into a proxy's middle (P3).
        [3, () => ({
          op: rng.pick(['jump', 'call'] as const), t,
          a: proxyAddrs.length > 0 && rng.chance(0.7)
            ? { k: 'abs', a: rng.pick(proxyAddrs) + rng.pick([0, 0, 1, 2, -1]) }
            : rng.chance(0.5) ? { k: 'capBase', c: RET_CAP, o: rng.pick([-32, -16, -8, 0, 8, 16]) } : { k: 'reg', r: SP, o: 0 },
        })],
        [aims.capRegs.length > 0 ? 2 : 0, () => capUse(rng, t, rng.pick(aims.capRegs), aims)],
        [1, () => ({ op: 'timeout', t })],
        [1, () => ({ op: 'fault', t })],
      ])!;
    };

    const fresh: { t: number; c: number } | undefined = caps[0];
    const op: DipcOp = rng.weighted<DipcOp>([
      // Plans made by earlier steps.
      [plan.length > 0 ? 1000 : 0, () => plan.shift()!()],
      // An attack pattern of the property's own generator becomes the plan (its first op now).
      [patterns === undefined ? 0 : 12, () => {
        const [first, ...rest] = samplePattern(patterns!, rng);
        plan = [...rest.map((o): Thunk => () => o), ...plan];
        return first ?? ({ op: 'stub_call', t: anyThread(), i: rng.int(0, 3), args: args(rng) } as DipcOp);
      }],
      // Follow through on a call in flight.
      [awayAdv.length > 0 ? 12 : 0, () => attack(rng.pick(awayAdv))],
      [awayHonest.length > 0 ? 6 : 0, () => {
        const t = rng.pick(awayHonest);
        const byAdversary = os.processes[os.threads[t].topCaller]?.honest === false;
        return rng.weighted<DipcOp>([
          // An honest callee of an adversary calls another honest entry, and both return:
          // the adversary's frame must come back as it left (P2, P3).
          [byAdversary ? 3 : 0, () => {
            plan = [() => ({ op: 'stub_return', t, results: args(rng) }), () => ({ op: 'stub_return', t, results: args(rng) }), ...plan];
            return { op: 'stub_call', t, i: rng.int(0, 3), args: args(rng) };
          }],
          [6, () => ({ op: 'stub_return', t, results: args(rng) })],
          [3, () => ({ op: 'stub_call', t, i: rng.int(0, 3), args: args(rng) })],
          [1, () => ({ op: 'timeout', t })],
          [1, () => ({ op: 'kill', pid: rng.pick([os.threads[t].current, os.threads[t].home, Math.max(0, os.threads[t].firstCaller)]) })],
          // A concurrent writer: a sibling of the caller writes into what the call passed.
          [2, () => {
            const caller = Math.max(0, os.threads[t].firstCaller);
            const sib = threadsOf(caller).filter((u) => u !== t);
            const data = os.processes[caller]?.data;
            return sib.length > 0 && data != null ? { op: 'store', t: rng.pick(sib), r: rng.int(0, 3), a: { k: 'abs', a: data + rng.int(0, 7) } } : { op: 'stub_return', t, results: args(rng) };
          }],
        ])!;
      }],
      // Use a capability just acquired.
      [fresh === undefined ? 0 : 6, () => capUse(rng, fresh!.t, fresh!.c, aimsOf(fresh!.t)) as DipcOp],
      // Make a call: an honest or adversarial thread calls one of its imports.
      [8, () => ({ op: 'stub_call', t: anyThread(), i: rng.int(0, 3), args: args(rng) })],
      // Make authority: handles of every kind.
      [6, () => {
        const t = anyThread();
        return rng.weighted<DipcOp>([
          [3, () => sys(t, { k: 'dom_default' })],
          [manyTags ? 8 : 2, () => {
            if (manyTags) plan = [...Array.from({ length: rng.int(2, 8) }, (): Thunk => () => sys(t, { k: 'dom_create' })), () => ({ op: 'load', t, r: 1, a: { k: 'entry', d: rng.pick(tags.length > 0 ? tags : [0]), i: 0, o: 0 } }), ...plan];
            return sys(t, { k: 'dom_create' });
          }],
          [3, () => sys(t, { k: 'entry_register', h: rng.pick([-1, -1, 0]), entries: [{ a: { k: 'code', i: rng.int(0, 3), o: 0 }, sig: signature(rng), policy: policy(rng) }] })],
          [3, () => sys(t, { k: 'grant_create', src: rng.pick([-1, -2, 0]), dst: rng.pick([-1, -2, 1, 2]) })],
          [2, () => sys(t, { k: 'handle_send', h: rng.pick([-1, -2, 0, 1]), pid: pids.length > 0 ? rng.pick(pids) : 0 })],
          // A copy asking more than the handle holds (Table 2: dom_copy iff perm <= h.perm),
          // of a handle the loader or an earlier call made (P1).
          [2, () => sys(t, { k: 'dom_copy', h: rng.pick([-1, -2, -3, 0, 1]), perm: rng.pick(['owner', 'owner', 'write'] as const) })],
          [2, () => sys(t, { k: 'entry_request', e: rng.pick([-1, 0, 1]), entries: [{ sig: signature(rng), policy: policy(rng) }] })],
        ])!;
      }],
      // Lifecycle: processes and threads come and go, resources are reused.
      [2, () => rng.weighted<DipcOp>([
        [2, () => sys(anyThread(), { k: 'spawn', honest: rng.chance(0.5) })],
        [2, () => sys(anyThread(), { k: 'thread_create' })],
        [1, () => sys(anyThread(), { k: 'fork' })],
        [2, () => sys(anyThread(), { k: 'exec' })],
        [3, () => ({ op: 'kill', pid: pids.length > 0 ? rng.pick(pids) : rng.int(0, 3) })],
      ])!],
      [adversarial.length > 0 && liveProxies.length > 0 ? 1 : 0, () => spOffStack(rng.pick(adversarial))],
      // A raw instruction by an adversarial thread, aimed.
      [adversarial.length > 0 ? 5 : 0, () => {
        const t = rng.pick(adversarial);
        return rawOp(rng, t, aimsOf(t)) as DipcOp;
      }],
    ])!;
    const out: { readonly out: string } = m.step(op);
    ops.push(op);
    last = { op, ok: succeeded(out), pre: os };
  }
  return ops;
};
