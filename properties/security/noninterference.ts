// Relational confidentiality (DESIGN §6, issue 5 item 3, "Testing Noninterference, Quickly"):
// the same trace runs on two machines whose honest secrets differ (secrets.ts), and at every
// step an adversary runs, its view must be the same in both: every register of its threads,
// the output of each op it issues (values and faults), and every word it can load (through
// its APL, a capability register, or a capability on the part of its DCS it can pop).
//
// The first difference in the view is traced to the channel it came through:
//  - handover: the registers an adversary receives from an honest side, at the entry of a
//    call from an honest caller or the normal return of an honest callee, other than those
//    the signature declares (what register confidentiality zeroes, §5.2.3);
//  - declared: there, only declared argument or result registers differ: the honest side
//    fills them by its own act, so no policy hides them (issue 12 §4: at seed 7 an honest
//    callee's result depended on a secret its own stack overflow wrote into its data page,
//    its old per-process argument copy area; docs/dipc-model.md);
//  - stack: a word of an honest process's data stack;
//  - dcs: a word of an honest process's data pages reachable only through a DCS entry;
//  - capreg: one reachable through a capability register (an honest side's stub left it
//    there without regConf, or it held it before: register state);
//  - memory: one reachable through the adversary's APL (no policy lets that happen: only
//    the honest side's own grants, which keep its memory out of the secrets);
//  - leak: a register, output or word of the adversary's own that differs with no visible
//    difference before it (trusted code, the kernel or a proxy, carried a secret over);
//  - unwind: registers an adversary gets back when a call into an honest process is unwound
//    or times out. No stub runs there, so DESIGN §11 has the kernel clear every register the
//    callee could have written (r0-r6, c0-c5) whatever the policy: a difference here is a
//    violation for every property (issue 12: it used to be released, and under High
//    `stub_call; stub_call; stub_return; timeout` handed an honest callee's received
//    results to the adversarial caller in r0);
//  - released: a word of an adversary's stack that honest code ran on (a callee that asked
//    for no stack switch runs its stub there).
// Each property judges the channels it speaks about (a violation when its policy guards the
// call, else the secret is legitimately the adversary's); after a difference it does not
// flag, the adversary's state depends on secrets and nothing after it can be told apart,
// so the comparison ends. The coverage gates say how often it got far enough to matter.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { IsolationProp } from '../../alphabet/policy';
import type { Output } from '../../alphabet/output';
import { outputToString } from '../../alphabet/output';
import type { DipcScenario } from '../../gen/dipc-scenario';
import type { DipcMachineFactory } from '../../refinement/machine';
import type { DipcState } from '../../spec/state/dipc';
import { covers } from '../../spec/state/capabilities';
import { pageIndexOf } from '../../spec/state/pages';
import { checkDataAccess, currentDomain } from '../../spec/transitions/access';
import type { Broken, Verdict } from '../types';
import { actorOf, type CallEvent, CallTracker, type OpenCall } from './call-tracker';
import type { StackWords } from './witness/stack-words';
import type { SecretClass } from './secrets';
import { Witness } from './witness/witness';

/** How an adversary can load a word: its APL, a capability register (which), a DCS entry it can pop. */
export interface Reach {
  readonly apl: boolean;
  readonly capRegs: readonly number[];
  readonly dcs: boolean;
}

export type Difference =
  | {
      /** 'declared': only registers the signature declares (arguments of a call, results of a return) differ. */
      readonly k: 'handover' | 'declared';
      readonly side: 'caller' | 'callee';
      /** The honest side's stub policy: the caller's import, or the callee's entry. */
      readonly policy: readonly IsolationProp[];
      readonly what: string;
    }
  | { readonly k: 'unwind' | 'leak' | 'released'; readonly what: string }
  | { readonly k: 'stack' | 'dcs' | 'capreg' | 'memory'; readonly owner: number; readonly addr: number; readonly reach: Reach; readonly what: string };

/** Where the difference was seen: the thread, the adversary it runs in, and the calls open on it. */
export interface Seen {
  readonly step: number;
  readonly t: number;
  readonly adversary: number;
  readonly calls: readonly OpenCall[];
  readonly post: DipcState;
}

/** A property's verdict on a difference: a violation, or the secret is legitimately out (the comparison ends). */
export type Judge = (d: Difference, at: Seen) => Broken | 'released';

/** Per step, for coverage: the adversary threads running inside a call from an honest caller. */
export type Cover = (at: Seen, events: Set<string>) => void;

const sameShape = (a: DipcState, b: DipcState): boolean =>
  a.os.threads.length === b.os.threads.length &&
  a.os.threads.every((k, t) => k.current === b.os.threads[t].current && k.kcs.length === b.os.threads[t].kcs.length && k.ended === b.os.threads[t].ended);

/**
 * The process whose (non-stack, non-code) memory a word is, or undefined (kernel, proxies,
 * code, stacks, unmapped): the witness's page ownership (issue 12 §1), not the tag's
 * `creator`. A page is a stack by the tag it carries now (a stack domain, as the witness
 * saw it made).
 */
const dataOwner = (s: DipcState, w: Witness, a: number): number | undefined => {
  const table = { wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages };
  const p = pageIndexOf(table, a);
  const pg = p === null ? null : s.hw.pages[p];
  if (p === null || pg === null || pg === undefined || pg.exec || w.proxyPages.has(p) || w.own.stackTags.has(pg.tag)) return undefined;
  const o = w.own.pageOwner(p);
  return typeof o === 'number' ? o : undefined;
};

/**
 * How thread t, as it is in s, can load a word (null: it cannot). Made once per thread and
 * step: the APL answer is the same for a whole page, and only capabilities that cover the
 * word need the full access check.
 */
export const reacher = (s: DipcState, t: number): ((a: number) => Reach | null) => {
  const th = s.hw.threads[t];
  const from = currentDomain(s.hw, th);
  if (from._tag === 'Left') return () => null;
  const can = (id: number | null, a: number) => checkDataAccess(s.hw, t, { ...th, capRegs: id === null ? [] : [id] }, from.right, a, 'read')._tag === 'Right';
  const covering = (id: number | null, a: number): id is number => id !== null && s.hw.caps[id] !== undefined && covers(s.hw.caps[id], a);
  const byPage = new Map<number, boolean>();
  const W = s.hw.wordsPerPage;
  const dcs = th.dcs.slice(th.dcsBase);
  return (a) => {
    const page = Math.floor(a / W);
    let apl = byPage.get(page);
    if (apl === undefined) {
      apl = can(null, a);
      byPage.set(page, apl);
    }
    const capRegs = th.capRegs.flatMap((id, i) => (covering(id, a) && can(id, a) ? [i] : []));
    const viaDcs = dcs.some((id) => covering(id, a) && can(id, a));
    return apl || capRegs.length > 0 || viaDcs ? { apl, capRegs, dcs: viaDcs } : null;
  };
};

const differingWords = (a: DipcState, b: DipcState): number[] => {
  const out = new Set<number>();
  for (const [k, v] of a.hw.memory) if ((b.hw.memory.get(k) ?? 0) !== v) out.add(k);
  for (const [k, v] of b.hw.memory) if ((a.hw.memory.get(k) ?? 0) !== v) out.add(k);
  return [...out].sort((x, y) => x - y);
};

const honestProc = (s: DipcState, p: number): boolean => s.os.processes[p]?.honest === true;

/**
 * Stacks of adversaries that honest code ran on (a callee without a stack switch runs its
 * stub there): what it left there is out. Honest code by witnessed code ownership; the stack
 * the thread is on as the call tracker saw it given.
 */
const markPublicStacks = (s: DipcState, t: number, w: Witness, tracker: CallTracker, into: StackWords[]) => {
  const kt = s.os.threads[t];
  if (kt === undefined || kt.ended || !honestProc(s, w.actingAs(s, t))) return;
  const on = tracker.stackOf(t);
  if (on !== null && !honestProc(s, on.owner) && !into.some((r) => r.first === on.region.first && r.words === on.region.words)) into.push(on.region);
};

const isPublicStack = (a: number, pub: readonly StackWords[]): boolean => pub.some((r) => a >= r.first && a < r.first + r.words);

/** What a thread's step showed the call tracker: the innermost call it opened, the call it returned from, or an unwind. */
interface ThreadCalls {
  readonly opened: OpenCall | undefined;
  readonly returned: OpenCall | undefined;
  readonly unwound: boolean;
}

const threadCalls = (events: readonly CallEvent[], t: number): ThreadCalls => {
  let opened: OpenCall | undefined;
  let returned: OpenCall | undefined;
  let unwound = false;
  for (const e of events) {
    if (e.k === 'call' && e.call.t === t) opened = e.call;
    else if (e.k === 'return' && e.t === t) returned = e.call;
    else if (e.k === 'unwind' && e.t === t) unwound = true;
  }
  return { opened, returned, unwound };
};

/** What the engine saw of thread t's step besides the states: its calls (tracker), the process it acted as before (witness). */
interface StepView {
  readonly calls: ThreadCalls;
  readonly wasActing: number;
  readonly w: Witness;
  readonly tracker: CallTracker;
}

/** The differences in thread t's view after a step (t runs in an adversary in post1). */
const viewDifferences = (
  i: number, op: DipcOp, t: number, pre1: DipcState, post1: DipcState, post2: DipcState, out1: Output, out2: Output, words: readonly number[], pub: readonly StackWords[], v: StepView,
): Difference[] => {
  const diffs: Difference[] = [];
  const before = pre1.os.threads[t];
  const r1 = post1.hw.threads[t].regs;
  const r2 = post2.hw.threads[t].regs;
  const regs = r1.flatMap((v, r) => (v !== r2[r] ? [r] : []));
  if (regs.length > 0) {
    const say = (reg: number) => `t${t}'s r${reg} is ${r1[reg]} in one run and ${r2[reg]} in the other`;
    const what = say(regs[0]);
    // A hand-over: the first differing register regConf speaks about (§5.2.3: "zeroes
    // non-argument registers before the call, and zeroes non-result registers afterwards"),
    // else the first declared one, which the honest side fills by its own act.
    const handover = (side: 'caller' | 'callee', declared: number, policy: readonly IsolationProp[], where: string): Difference => {
      const reg = regs.find((r) => r >= declared);
      return reg === undefined ? { k: 'declared', side, policy, what: `${what}, ${where} (a declared ${side === 'caller' ? 'argument' : 'result'} register)` } : { k: 'handover', side, policy, what: `${say(reg)}, ${where}` };
    };
    // The channel, from the calls the tracker saw this step make (witnessed caller and
    // callee), never from the KCS frames or `current` (issue 12 §1).
    const { opened, returned, unwound } = v.calls;
    if (opened !== undefined && opened.callerHonest) {
      diffs.push(handover('caller', opened.signature.inRegs, opened.callerPolicy ?? [], `at the entry of t${t}'s call from honest p${opened.caller} into p${opened.callee}`));
    } else if (returned !== undefined && returned.calleeHonest) {
      diffs.push(handover('callee', returned.signature.outRegs, returned.calleePolicy, `at the return of t${t} from honest p${returned.callee} to p${returned.caller}`));
    } else if (unwound && honestProc(pre1, v.wasActing)) {
      diffs.push({ k: 'unwind', what: `${what}, after the unwinding of a call into honest p${v.wasActing}` });
    } else diffs.push({ k: 'leak', what });
  }
  if (actorOf(op, pre1) === t && before !== undefined && !honestProc(pre1, v.wasActing) && outputToString(out1) !== outputToString(out2))
    diffs.push({ k: 'leak', what: `step ${i} outputs ${outputToString(out1)} in one run and ${outputToString(out2)} in the other` });
  const reachOf = reacher(post1, t);
  for (const a of words) {
    const reach = reachOf(a);
    if (reach === null) continue;
    const says = `word 0x${a.toString(16)} is ${post1.hw.memory.get(a) ?? 0} in one run and ${post2.hw.memory.get(a) ?? 0} in the other`;
    const how = [reach.apl ? 'its APL' : '', ...reach.capRegs.map((c) => `c${c}`), reach.dcs ? 'its DCS' : ''].filter((x) => x !== '').join(', ');
    const stack = v.tracker.stackOwnerOf(a);
    if (stack !== undefined && honestProc(post1, stack)) {
      diffs.push({ k: 'stack', owner: stack, addr: a, reach, what: `${says}: honest p${stack}'s stack, loadable through ${how}` });
      continue;
    }
    const data = stack === undefined ? dataOwner(post1, v.w, a) : undefined;
    if (data !== undefined && honestProc(post1, data)) {
      const k = reach.apl ? 'memory' : reach.capRegs.length > 0 ? 'capreg' : 'dcs';
      diffs.push({ k, owner: data, addr: a, reach, what: `${says}: honest p${data}'s memory, loadable through ${how}` });
      continue;
    }
    if (stack !== undefined && isPublicStack(a, pub)) diffs.push({ k: 'released', what: `${says}: an adversary's stack an honest stub ran on` });
    else diffs.push({ k: 'leak', what: `${says}: the adversary's own memory, loadable through ${how}` });
  }
  return diffs;
};

/** Runs the relational check: the secrets, how the property judges each difference, and its coverage. */
export const noninterference = (secrets: SecretClass, judge: Judge, cover: Cover) => (sc: DipcScenario, factory: DipcMachineFactory): Verdict => {
  const outputs: Output[] = [];
  const events = new Set<string>();
  const done = (ops: number, violation: Verdict['violation'] = null): Verdict => ({ violation, ops, outputs, events: [...events] });
  let m1;
  let m2;
  try {
    m1 = factory.create(sc.config);
    m2 = factory.create(secrets.config(sc));
  } catch (e) {
    return done(0, { step: -1, expected: 'the machine boots', observed: `threw ${e instanceof Error ? e.message : String(e)}` });
  }
  const witness = new Witness();
  const tracker = new CallTracker(witness);
  const pub: StackWords[] = [];
  let pre1 = m1.abstract();
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    witness.start(pre1);
    const actor = actorOf(op, pre1);
    // The process each thread acted as before the step (witness code ownership).
    const acting = pre1.os.threads.map((_, t) => witness.actingAs(pre1, t));
    const variant = secrets.op(pre1, op, { acting: actor >= 0 ? acting[actor] : -1, calls: actor >= 0 ? tracker.openCalls(actor) : [] });
    if (variant !== op) events.add(`secret given to an honest stub`);
    let out1: Output;
    let out2: Output;
    try {
      out1 = m1.step(op);
      out2 = m2.step(variant);
    } catch (e) {
      return done(i + 1, { step: i, expected: 'the machine steps', observed: `threw ${e instanceof Error ? e.message : String(e)}` });
    }
    outputs.push(out1);
    const post1 = m1.abstract();
    const post2 = m2.abstract();
    if (actor >= 0) markPublicStacks(pre1, actor, witness, tracker, pub);
    const stepCalls = tracker.observe(op, pre1, post1, out1);
    witness.observe(op, pre1, out1, post1);
    if (actor >= 0) markPublicStacks(post1, actor, witness, tracker, pub);
    if (!sameShape(post1, post2)) {
      events.add('runs diverged');
      return done(i + 1);
    }
    const words = differingWords(post1, post2);
    for (const [t, kt] of post1.os.threads.entries()) {
      // The adversary a thread runs in: the owner of the code it runs (witness), not `current`.
      const adversary = witness.actingAs(post1, t);
      if (kt.ended || post1.os.processes[adversary] === undefined || honestProc(post1, adversary)) continue;
      const at: Seen = { step: i, t, adversary, calls: tracker.openCalls(t), post: post1 };
      cover(at, events);
      const view: StepView = { calls: threadCalls(stepCalls, t), wasActing: acting[t] ?? -1, w: witness, tracker };
      for (const d of viewDifferences(i, op, t, pre1, post1, post2, out1, out2, words, pub, view)) {
        const j = judge(d, at);
        if (j !== 'released') return done(i + 1, { step: i, ...j });
        events.add(`secret out through ${d.k}`);
        return done(i + 1);
      }
    }
    pre1 = post1;
  }
  return done(sc.ops.length);
};

/** The innermost call open on the thread if an honest caller made it into the adversary now running. */
export const honestCallInto = (at: Seen): OpenCall | undefined => {
  const c = at.calls[at.calls.length - 1];
  return c !== undefined && c.callerHonest && c.callee === at.adversary ? c : undefined;
};

const ALWAYS_EXPECTED: Partial<Record<Difference['k'], string>> = {
  leak: "trusted code moves no honest secret into an adversary's registers, outputs or memory",
  memory: "an honest process's private memory is out of every adversary's reach",
  // §5.2.1 / §5.4: the kernel "flags an error" and resumes the caller; DESIGN §11: it clears the rest.
  unwind: 'a caller resumed by an unwind or a time-out gets back no register the callee could have written (DESIGN §11: r0-r6 zero, r7 the error)',
};

/** Channels no policy lets through: a violation whatever the property. */
export const alwaysBroken = (d: Difference): Broken | null => {
  const expected = ALWAYS_EXPECTED[d.k];
  return expected === undefined ? null : { expected, observed: d.what };
};
