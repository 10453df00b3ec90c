// Scenarios for the policy audit (issue 6 item 4, docs/audit.md "Scenarios"): one
// combination of caller-requested and callee-requested isolation properties, one side under
// audit, process 0 honest (the process the side's guarantees protect) and process 1
// adversarial:
//  - caller side: the honest process imports the adversary's entries asking for the
//    caller's properties; the adversary's entries declare the callee's (it need not
//    implement them);
//  - callee side: the honest process exports entries declaring the callee's properties; the
//    adversary imports them asking for the caller's.
// One or two audited entries, each with its own signature (in-register, in-stack and DCS
// arguments vary). Process 2 is an honest service the honest process calls and is called by,
// both ways under (nearly) full isolation (SERVICE_POLICIES): it is
// what gives the honest process something to protect, as an application would have it:
// frames on a stack of its own (the model's honest code pushes nothing; a call into it that
// switches stacks leaves the copied arguments and return address there) and secrets in its
// registers (the results an honest callee returns, which ARG-REG-CONF's second run changes).
//
// Traces mix the security suites' patterns (gen/security-scenario.ts: the dIPC generator's
// ops, unaimed attacks, grabs, signature mismatches, foreign returns) with the same attacks
// aimed at this config: a chain of calls brings a thread into the adversary in the side's
// direction, the honest process first loaded with frames (entered from the service) or
// secrets (a call to the service returned), then the adversary runs the attack (the body
// of a security pattern, or a raid on what the caller's stub parked on the DCS); on the
// callee side, the honest process returns to the adversary after a call to the service, or
// the adversary's second thread writes the buffers of a call in flight. Every policy an op
// names is set to the combination's (entry_register declares the callee's, entry_request
// asks for the caller's), so the proxies a trace makes between the honest process and the
// adversary enforce this combination; the audit also checks every call of a run (calls
// between the honest process and the adversary under the combination's effective policy,
// between honest processes under it or the service links' policy) and discards a run that
// breaks the rule.
import fc from 'fast-check';
import type { DipcConfig, ProcessConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { canonicalPolicy, effectivePolicy, ISOLATION_PROPS, type IsolationProp, REQUESTED_BY, type Signature } from '../alphabet/policy';
import { resolveIndex } from '../alphabet/resolve';
import { DIPC_BOUNDS } from './dipc-bounds';
import { signatureArb } from './dipc-ops';
import type { DipcScenario } from './dipc-scenario';
import { argsArb } from './security-atoms';
import { adversaryInCallPattern, attackFirstScenarioArb, calleeEdgePattern, securityTraceArb } from './security-scenario';

export type AuditSide = 'caller' | 'callee';

/** A combination as the two sides ask for it. */
export interface AuditPolicies {
  readonly caller: readonly IsolationProp[];
  readonly callee: readonly IsolationProp[];
}

export const HONEST_PID = 0;
export const ADVERSARY_PID = 1;
export const SERVICE_PID = 2;

/**
 * The honest processes' own links (process 0 <-> the service): everything each side may ask
 * for (paper Figure 5's High), except register confidentiality in the caller's request. The
 * caller stub's regConf clears c6, and the proxy saves c6 only after it: an honest process
 * serving a call that makes a nested call with regConf loses the return capability of the
 * call it serves, and its own return faults (reported to the lead; docs/audit.md
 * "Findings"). The effective policy is still all seven properties (the callee asks regConf).
 */
export const SERVICE_POLICIES: AuditPolicies = {
  caller: ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'callee' && k !== 'regConf'),
  callee: ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'caller'),
};

/** Who exports and who imports the audited entries on each side. */
export const rolesOf = (side: AuditSide): { readonly exporter: number; readonly importer: number } =>
  side === 'caller' ? { exporter: ADVERSARY_PID, importer: HONEST_PID } : { exporter: HONEST_PID, importer: ADVERSARY_PID };

const processShape = fc.record({
  codePages: fc.integer({ min: 1, max: 2 }),
  dataPages: fc.integer({ min: 1, max: 2 }),
  threads: fc.integer({ min: 1, max: 2 }),
});

/** The audited entries: 1 or 2, each with its signature and a distinct code slot. */
const entriesArb = fc
  .tuple(fc.array(signatureArb, { minLength: 1, maxLength: 2 }), fc.integer({ min: 0, max: 1 }))
  .map(([sigs, first]) => sigs.map((sig, i) => ({ code: first + i, sig })));

/** The service's entry: results in several registers (secrets), in-stack arguments (frames). */
const serviceSigArb: fc.Arbitrary<Signature> = fc.record({
  inRegs: fc.integer({ min: 0, max: 2 }),
  outRegs: fc.integer({ min: 3, max: 4 }),
  stackWords: fc.integer({ min: 1, max: 2 }),
  dcsArgs: fc.integer({ min: 0, max: 1 }),
});

/** The config of a scenario for `side` under `pol`: see the top of this file. */
export const auditConfigArb = (side: AuditSide, pol: AuditPolicies): fc.Arbitrary<DipcConfig> =>
  fc
    .record({
      maxDomains: fc.integer({ min: 14, max: 24 }),
      numCpus: fc.integer({ min: 1, max: 2 }),
      dcsSize: fc.integer({ min: 4, max: 8 }),
      blocks: fc.integer({ min: 5, max: 7 }),
      blockPages: fc.integer({ min: 8, max: 14 }),
      maxProcesses: fc.integer({ min: 3, max: 5 }),
      maxThreads: fc.integer({ min: 6, max: 8 }),
      stackPages: fc.integer({ min: 1, max: 2 }),
      honest: processShape,
      adversary: processShape,
      serviceCodePages: fc.integer({ min: 1, max: 2 }),
      entries: entriesArb,
      serviceSig: serviceSigArb,
      honestSig: serviceSigArb,
    })
    .map(({ honest, adversary, serviceCodePages, entries, serviceSig, honestSig, ...machine }): DipcConfig => {
      const audited = entries.map((e) => ({ code: e.code, sig: e.sig, policy: [...pol.callee] }));
      const importsOf = (from: number) => entries.map((e, i) => ({ from, export: i, sig: e.sig, policy: [...pol.caller] }));
      // The honest process's own entry for the service comes after its audited ones (slot 3).
      const honestExports = [...(side === 'callee' ? audited : []), { code: 3, sig: honestSig, policy: [...SERVICE_POLICIES.callee] }];
      const p0: ProcessConfig = {
        honest: true,
        ...honest,
        exports: honestExports,
        imports: [...(side === 'caller' ? importsOf(ADVERSARY_PID) : []), { from: SERVICE_PID, export: 0, sig: serviceSig, policy: [...SERVICE_POLICIES.caller] }],
      };
      const p1: ProcessConfig = {
        honest: false,
        ...adversary,
        exports: side === 'caller' ? audited : [],
        imports: side === 'callee' ? importsOf(HONEST_PID) : [],
      };
      const p2: ProcessConfig = {
        honest: true, codePages: serviceCodePages, dataPages: 1, threads: 1,
        exports: [{ code: 0, sig: serviceSig, policy: [...SERVICE_POLICIES.callee] }],
        imports: [{ from: HONEST_PID, export: honestExports.length - 1, sig: honestSig, policy: [...SERVICE_POLICIES.caller] }],
      };
      return { wordsPerPage: 16, entryAlign: 4, ...machine, processes: [p0, p1, p2] };
    });

/** An op with every policy it names set to the combination's (entry_register: the callee's; entry_request: the caller's). */
export const opUnder = (op: DipcOp, pol: AuditPolicies): DipcOp => {
  if (op.op !== 'syscall') return op;
  const c = op.call;
  if (c.k === 'entry_register') return { ...op, call: { ...c, entries: c.entries.map((e) => ({ ...e, policy: [...pol.callee] })) } };
  if (c.k === 'entry_request') return { ...op, call: { ...c, entries: c.entries.map((e) => ({ ...e, policy: [...pol.caller] })) } };
  return op;
};

// ---- aimed attacks: chains of calls wired to the config ----

/** What the adversary does once it has the thread: the body of a security pattern, on thread t0 (retargeted when wired). */
interface Body {
  readonly t0: number;
  readonly ops: readonly DipcOp[];
}

/** The ops after a pattern's leading stub_calls, up to the innermost callee's return. */
const bodyOf = (ops: readonly DipcOp[]): Body => {
  let i = 0;
  while (i < ops.length && ops[i].op === 'stub_call') i++;
  const rest = ops.slice(i);
  const end = rest.findIndex((op) => op.op === 'ret' || op.op === 'stub_return');
  const first = ops[0] as { t?: number } | undefined;
  return { t0: first?.t ?? 0, ops: end < 0 ? rest : rest.slice(0, end + 1) };
};

interface Aimed {
  readonly k: 'aimed';
  readonly mode: number;
  readonly pick: number;
  readonly entry: number;
  readonly args: readonly number[];
  readonly results: readonly number[];
  readonly body: Body;
  readonly close: boolean;
  readonly v: number;
  readonly j: number;
}

/**
 * The adversary takes what the caller's stub parked on the DCS (stack integrity leaves the
 * whole-stack capability under the arguments): it pops into c0 one entry or more, writes
 * through it at the top of the caller's stack (its frames) or above its own sp (the saved
 * registers), and returns (DESIGN §10's interplay; the suite's generator reaches it rarely).
 */
const parkedBodyArb: fc.Arbitrary<Body> = fc
  .record({
    pops: fc.integer({ min: 1, max: 3 }),
    r: fc.integer({ min: 0, max: 6 }),
    v: fc.integer({ min: 61, max: 99 }),
    at: fc.oneof(
      fc.record({ k: fc.constant('capEnd' as const), c: fc.constant(0), o: fc.integer({ min: -4, max: -1 }) }),
      fc.record({ k: fc.constant('stack' as const), o: fc.integer({ min: 1, max: 8 }) }),
    ),
    end: fc.constantFrom('ret' as const, 'stub_return' as const),
  })
  .map(({ pops, r, v, at, end }): Body => ({
    t0: 0,
    ops: [
      ...Array.from({ length: pops }, (): DipcOp => ({ op: 'cap_pop', t: 0, c: 0 })),
      { op: 'li', t: 0, r, v },
      { op: 'store', t: 0, r, a: at },
      end === 'ret' ? { op: 'ret', t: 0 } : { op: 'stub_return', t: 0, results: [] },
    ],
  }));

const aimedArb: fc.Arbitrary<Aimed> = fc.record({
  k: fc.constant('aimed' as const),
  mode: fc.nat(),
  pick: fc.nat(),
  entry: fc.nat(),
  args: argsArb,
  results: argsArb,
  body: fc.oneof(adversaryInCallPattern.map(bodyOf), calleeEdgePattern.map(bodyOf), parkedBodyArb),
  close: fc.boolean(),
  v: fc.integer({ min: 1, max: 50 }),
  j: fc.integer({ min: 0, max: 7 }),
});

const retarget = (b: Body, t: number): DipcOp[] => b.ops.map((op) => ('t' in op && op.t === b.t0 ? { ...op, t } : op));

/** The threads and import slots of the config as boot lays them out. */
const layout = (cfg: DipcConfig, side: AuditSide) => {
  const ps = cfg.processes;
  const n0 = ps[HONEST_PID]?.threads ?? 0;
  const n1 = ps[ADVERSARY_PID]?.threads ?? 0;
  const audited = (ps[rolesOf(side).importer]?.imports ?? []).filter((i) => resolveIndex(i.from, ps.length) === rolesOf(side).exporter).length;
  return {
    honestThread: (pick: number) => (n0 === 0 ? 0 : pick % n0),
    adversaryThread: (pick: number) => n0 + (n1 === 0 ? 0 : pick % n1),
    adversaryHasSibling: n1 >= 2,
    serviceThread: n0 + n1,
    audited: Math.max(1, audited),
    /** The honest process's import of the service: after its audited imports on the caller side. */
    toService: side === 'caller' ? audited : 0,
    adversaryData: (ps[ADVERSARY_PID]?.codePages ?? 1) * cfg.wordsPerPage,
  };
};

/**
 * An aimed chunk's ops. Caller side (the honest process calls the adversary), by mode:
 * from its own thread; from the service's thread (frames: service -> H -> A); after a call
 * to the service returned (secrets); both (service -> H -> service, back, H -> A). The
 * adversary then runs the body, and the outer call into H returns (if `close`). Callee side
 * (the adversary calls the honest process): the adversary's thread calls H and H returns
 * (after the body, which the honest process ignores); or H first calls the service and it
 * returns (secrets), then H returns to the adversary, which runs the body; or the
 * adversary's second thread writes the call's buffers in flight, then H returns.
 */
const wireAimed = (cfg: DipcConfig, side: AuditSide, a: Aimed): DipcOp[] => {
  const L = layout(cfg, side);
  const i = a.entry % L.audited;
  const call = (t: number, k: number): DipcOp => ({ op: 'stub_call', t, i: k, args: [...a.args] });
  const ret = (t: number): DipcOp => ({ op: 'stub_return', t, results: [...a.results] });
  if (side === 'caller') {
    const mode = a.mode % 4;
    if (mode === 0) {
      const t = L.honestThread(a.pick);
      return [call(t, i), ...retarget(a.body, t)];
    }
    if (mode === 2) {
      const t = L.honestThread(a.pick);
      return [call(t, L.toService), ret(t), call(t, i), ...retarget(a.body, t)];
    }
    const t = L.serviceThread;
    const loaded = mode === 1 ? [call(t, 0), call(t, i)] : [call(t, 0), call(t, L.toService), ret(t), call(t, i)];
    return [...loaded, ...retarget(a.body, t), ...(a.close ? [ret(t)] : [])];
  }
  const t = L.adversaryThread(a.pick);
  const mode = a.mode % 3;
  if (mode === 0) return [call(t, i), ...retarget(a.body, t), ret(t)];
  if (mode === 1) return [call(t, i), call(t, L.toService), ret(t), ret(t), ...retarget(a.body, t)];
  if (!L.adversaryHasSibling) return [call(t, i), ret(t)];
  const w = t + 1;
  return [call(t, i), { op: 'li', t: w, r: 2, v: a.v }, { op: 'store', t: w, r: 2, a: { k: 'code', i: 0, o: L.adversaryData + a.j } }, ret(t)];
};

type Chunk = readonly DipcOp[] | Aimed;

const chunksArb = (maxOps: number): fc.Arbitrary<Chunk[]> =>
  fc.array(
    fc.oneof(
      { weight: 2, arbitrary: securityTraceArb(8) as fc.Arbitrary<Chunk> },
      { weight: 3, arbitrary: aimedArb },
    ),
    { maxLength: maxOps, size: 'max' },
  );

/** A trace for this config: the chunks wired, every policy set to the combination's. */
const wire = (cfg: DipcConfig, side: AuditSide, pol: AuditPolicies, chunks: readonly Chunk[], maxOps: number): DipcOp[] =>
  chunks
    .flatMap((c) => ('k' in c ? wireAimed(cfg, side, c) : c))
    .slice(0, maxOps)
    .map((op) => opUnder(op, pol));

export const auditScenarioArb = (side: AuditSide, pol: AuditPolicies, maxOps: number = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> =>
  fc.record({ config: auditConfigArb(side, pol), chunks: chunksArb(maxOps) }).map(({ config, chunks }) => ({ config, ops: wire(config, side, pol, chunks, maxOps) }));

/** How the audit generates: its own generator alone (`patterns`), or `swarm` (the default since s26). */
export type AuditStrategy = 'patterns' | 'swarm';
export const AUDIT_STRATEGIES: readonly AuditStrategy[] = ['patterns', 'swarm'];

/**
 * The audit's scenarios under a strategy. `swarm` (as gen/strategies.ts does for the
 * security suites): half the scenarios from the audit's own generator, half attack-first
 * short traces (gen/security-scenario.ts: aimed attack patterns at the head of a trace of at
 * most 24 ops, aimed at the boot state of the same systems), every policy their ops name set
 * to the combination's.
 */
export const auditStrategyArb = (strategy: AuditStrategy, side: AuditSide, pol: AuditPolicies, maxOps: number = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> =>
  strategy === 'patterns'
    ? auditScenarioArb(side, pol, maxOps)
    : fc.oneof(
        { weight: 1, arbitrary: auditScenarioArb(side, pol, maxOps) },
        {
          weight: 1,
          arbitrary: attackFirstScenarioArb(auditConfigArb(side, pol), Math.min(maxOps, 24), 3).map((sc) => ({ ...sc, ops: sc.ops.map((op) => opUnder(op, pol)) })),
        },
      );

// ---- which scenarios belong to a combination ----

/** Is import `imp` of process `pid` an audited one (between the honest process and the adversary)? */
const auditedLink = (cfg: DipcConfig, pid: number, from: number): boolean => {
  const exporter = resolveIndex(from, cfg.processes.length);
  return (pid === HONEST_PID && exporter === ADVERSARY_PID) || (pid === ADVERSARY_PID && exporter === HONEST_PID);
};

/** The exports the audited imports name, by process. */
const auditedExports = (cfg: DipcConfig): Map<number, Set<number>> => {
  const n = cfg.processes.length;
  const out = new Map<number, Set<number>>();
  cfg.processes.forEach((p, pid) => {
    for (const im of p.imports ?? []) {
      if (!auditedLink(cfg, pid, im.from)) continue;
      const ex = resolveIndex(im.from, n);
      const exps = cfg.processes[ex].exports ?? [];
      if (exps.length === 0) continue;
      const set = out.get(ex) ?? new Set<number>();
      set.add(resolveIndex(im.export, exps.length));
      out.set(ex, set);
    }
  });
  return out;
};

/** Every entry of the adversary is audited (it has no other business), and those of the honest process the adversary imports. */
const isAuditedExport = (audited: Map<number, Set<number>>, pid: number, k: number): boolean => pid === ADVERSARY_PID || audited.get(pid)?.has(k) === true;

/**
 * The same scenario under another combination: the audited imports ask for `pol.caller`,
 * the entries they name declare `pol.callee`, every op's policy is set as `opUnder` does;
 * the service links and everything else stay. A witness found under one combination can so
 * be tried under another.
 */
export const scenarioUnder = (sc: DipcScenario, pol: AuditPolicies): DipcScenario => {
  const cfg = sc.config;
  const audited = auditedExports(cfg);
  return {
    config: {
      ...cfg,
      processes: cfg.processes.map((p, pid) => ({
        ...p,
        ...(p.exports === undefined ? {} : { exports: p.exports.map((e, k) => (isAuditedExport(audited, pid, k) ? { ...e, policy: [...pol.callee] } : e)) }),
        ...(p.imports === undefined ? {} : { imports: p.imports.map((im) => (auditedLink(cfg, pid, im.from) ? { ...im, policy: [...pol.caller] } : im)) }),
      })),
    },
    ops: sc.ops.map((op) => opUnder(op, pol)),
  };
};

const samePolicy = (p: readonly string[], q: readonly string[]): boolean => {
  const a = canonicalPolicy(p);
  const b = canonicalPolicy(q);
  return p.length === a.length && a.length === b.length && a.every((k, i) => k === b[i]);
};

/**
 * The static half of "is this scenario still one of the combination" (what a witness may
 * shrink to; the dynamic half, every call's policy, is `callPolicyOk`): process 0 honest,
 * process 1 adversarial, the others honest; the audited imports in the side's importer only,
 * asking for the caller's properties, and the entries they name (and all the adversary's)
 * declaring the callee's; the service links SERVICE_POLICIES; every op's policy the combination's.
 */
export const inCombination = (sc: DipcScenario, side: AuditSide, pol: AuditPolicies): boolean => {
  const ps = sc.config.processes;
  if (ps.length < 2 || !ps[HONEST_PID].honest || ps[ADVERSARY_PID].honest || ps.slice(2).some((p) => !p.honest)) return false;
  const audited = auditedExports(sc.config);
  const configOk = ps.every(
    (p, pid) =>
      (p.imports ?? []).every((im) =>
        auditedLink(sc.config, pid, im.from) ? pid === rolesOf(side).importer && samePolicy(im.policy, pol.caller) : pid !== ADVERSARY_PID && samePolicy(im.policy, SERVICE_POLICIES.caller),
      ) && (p.exports ?? []).every((e, k) => samePolicy(e.policy, isAuditedExport(audited, pid, k) ? pol.callee : SERVICE_POLICIES.callee)),
  );
  return (
    configOk &&
    sc.ops.every((op) => {
      if (op.op !== 'syscall') return true;
      const c = op.call;
      if (c.k === 'entry_register') return c.entries.every((e) => samePolicy(e.policy, pol.callee));
      if (c.k === 'entry_request') return c.entries.every((e) => samePolicy(e.policy, pol.caller));
      return true;
    })
  );
};

/**
 * The dynamic half: a call between an honest process and an adversarial one runs under the
 * combination's effective policy; a call between honest processes under it or the service
 * links' (SERVICE_POLICIES); calls among adversaries are theirs.
 */
export const callPolicyOk = (pol: AuditPolicies) => {
  const combo = JSON.stringify(effectivePolicy(pol.callee, pol.caller));
  const service = JSON.stringify(effectivePolicy(SERVICE_POLICIES.callee, SERVICE_POLICIES.caller));
  return (callerHonest: boolean, calleeHonest: boolean, policy: readonly IsolationProp[]): boolean => {
    if (!callerHonest && !calleeHonest) return true;
    const p = JSON.stringify(canonicalPolicy(policy));
    return p === combo || (callerHonest && calleeHonest && p === service);
  };
};
