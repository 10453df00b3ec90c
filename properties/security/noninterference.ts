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
import type { Broken, Verdict, Violation } from '../types';
import { actorOf, type CallEvent, CallTracker, type OpenCall } from './call-tracker';
import type { StackWords } from './witness/stack-words';
import type { MutableReleased, SecretClass } from './secrets';
import type { DipcConfig } from '../../alphabet/dipc-config';
import { type CheckSession, type Runs, type SpecCursor, stickySession, withSession } from '../session';
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

/**
 * The comparison after each step (both `check` and its session run it): the first run's
 * state before and after, both runs' outputs and states after. 'done' when the comparison
 * ends without a violation (the runs diverged, or a secret is legitimately out).
 */
class Comparison {
  private readonly witness = new Witness();
  private readonly tracker = new CallTracker(this.witness);
  private readonly pub: StackWords[] = [];
  /** The process each thread acted as before the step (witness code ownership), set by `variant`. */
  private acting: number[] = [];

  constructor(
    private readonly judge: Judge,
    private readonly cover: Cover,
    private readonly events: Set<string>,
  ) {}

  /**
   * The op the second run executes (secrets.ts), chosen from what the engine saw of the op's
   * thread: the process its code belongs to and the calls the tracker saw open on it. Called
   * once per step, before `step`.
   */
  variant(secrets: SecretClass, pre1: DipcState, op: DipcOp): DipcOp {
    const w = this.witness;
    w.start(pre1);
    this.acting = pre1.os.threads.map((_, t) => w.actingAs(pre1, t));
    const actor = actorOf(op, pre1);
    return secrets.op(pre1, op, { acting: actor >= 0 ? this.acting[actor] : -1, calls: actor >= 0 ? this.tracker.openCalls(actor) : [] });
  }

  step(i: number, op: DipcOp, pre1: DipcState, out1: Output, out2: Output, post1: DipcState, post2: DipcState): Violation | 'done' | null {
    const { events, pub, witness, tracker } = this;
    const actor = actorOf(op, pre1);
    if (actor >= 0) markPublicStacks(pre1, actor, witness, tracker, pub);
    const stepCalls = tracker.observe(op, pre1, post1, out1);
    witness.observe(op, pre1, out1, post1);
    if (actor >= 0) markPublicStacks(post1, actor, witness, tracker, pub);
    if (!sameShape(post1, post2)) {
      events.add('runs diverged');
      return 'done';
    }
    // The same state and output objects: the second run is still the first (a session's
    // shared run before any secret was given, explore/runs.ts), so nothing differs.
    const one = post1 === post2 && out1 === out2;
    const words = one ? [] : differingWords(post1, post2);
    for (const [t, kt] of post1.os.threads.entries()) {
      // The adversary a thread runs in: the owner of the code it runs (witness), not `current`.
      const adversary = witness.actingAs(post1, t);
      if (kt.ended || post1.os.processes[adversary] === undefined || honestProc(post1, adversary)) continue;
      const at: Seen = { step: i, t, adversary, calls: tracker.openCalls(t), post: post1 };
      this.cover(at, events);
      if (one) continue;
      const view: StepView = { calls: threadCalls(stepCalls, t), wasActing: this.acting[t] ?? -1, w: witness, tracker };
      for (const d of viewDifferences(i, op, t, pre1, post1, post2, out1, out2, words, pub, view)) {
        const j = this.judge(d, at);
        if (j !== 'released') return { step: i, ...j };
        events.add(`secret out through ${d.k}`);
        return 'done';
      }
    }
    return null;
  }
}

const bootThrew = (e: unknown): Violation => ({ step: -1, expected: 'the machine boots', observed: `threw ${e instanceof Error ? e.message : String(e)}` });
const stepThrew = (i: number, e: unknown): Violation => ({ step: i, expected: 'the machine steps', observed: `threw ${e instanceof Error ? e.message : String(e)}` });

/** Runs the relational check: the secrets, how the property judges each difference, and its coverage. */
export const noninterference = (secrets: SecretClass, judge: Judge, cover: Cover) =>
  withSession(
    (sc: DipcScenario, factory: DipcMachineFactory): Verdict => {
      const outputs: Output[] = [];
      const events = new Set<string>();
      const done = (ops: number, violation: Verdict['violation'] = null): Verdict => ({ violation, ops, outputs, events: [...events] });
      let m1;
      let m2;
      try {
        m1 = factory.create(sc.config);
        m2 = factory.create(secrets.config(sc));
      } catch (e) {
        return done(0, bootThrew(e));
      }
      const cmp = new Comparison(judge, cover, events);
      let pre1 = m1.abstract();
      for (let i = 0; i < sc.ops.length; i++) {
        const op = sc.ops[i];
        const variant = cmp.variant(secrets, pre1, op);
        if (variant !== op) events.add(`secret given to an honest stub`);
        let out1: Output;
        let out2: Output;
        try {
          out1 = m1.step(op);
          out2 = m2.step(variant);
        } catch (e) {
          return done(i + 1, stepThrew(i, e));
        }
        outputs.push(out1);
        const post1 = m1.abstract();
        const post2 = m2.abstract();
        const r = cmp.step(i, op, pre1, out1, out2, post1, post2);
        if (r === 'done') return done(i + 1);
        if (r !== null) return done(i + 1, r);
        pre1 = post1;
      }
      return done(sc.ops.length);
    },
    (runs) => relationalSession(runs, secrets, judge, cover),
  );

const VARIANT_KEYS = new WeakMap<DipcOp, Map<string, object>>();

/**
 * How the second run's step names an op it changed (a secret given to an honest stub): by
 * the first run's op and the secret class, since the changed op is a function of them and
 * of the first run's state, which the path of ops names. An op it did not change is the
 * first run's op: while the second run has the same config and no secret was given yet, it
 * is the first run itself (the same trie nodes, explore/runs.ts), stepped once.
 */
const variantKey = (op: DipcOp, secrets: string): object => {
  let m = VARIANT_KEYS.get(op);
  if (m === undefined) VARIANT_KEYS.set(op, (m = new Map()));
  let k = m.get(secrets);
  if (k === undefined) m.set(secrets, (k = { op, secrets }));
  return k;
};

/** The comparison over the shared runs, from boot, for a given second-run config (what the session restarts when that config changes). */
const comparisonSession = (runs: Runs, secrets: SecretClass, judge: Judge, cover: Cover, config2: DipcConfig): CheckSession => {
  const b1 = runs.machine(runs.config);
  if (b1.threw) return stickySession(bootThrew(b1.error), () => null);
  // The same config is the same run: until a secret is given, both runs are one (see variantKey).
  const b2 = runs.machine(config2);
  if (b2.threw) return stickySession(bootThrew(b2.error), () => null);
  let c1 = b1.cursor;
  let c2 = b2.cursor;
  let i = 0;
  let over = false;
  const cmp = new Comparison(judge, cover, new Set());
  return stickySession(null, (op) => {
    if (over) return null;
    const k = i++;
    const pre1 = c1.state;
    const s1 = c1.step(op);
    if (s1.threw) return stepThrew(k, s1.error);
    const variant = cmp.variant(secrets, pre1, op);
    const s2 = c2.step(variant, variant === op ? op : variantKey(op, secrets.name));
    if (s2.threw) return stepThrew(k, s2.error);
    c1 = s1.next;
    c2 = s2.next;
    const r = cmp.step(k, op, pre1, s1.output, s2.output, c1.state, c2.state);
    if (r === 'done') over = true;
    return r === 'done' ? null : r;
  });
};

/**
 * The relational check incrementally. When the second run's config depends on the trace
 * (memory secrets: what the honest side released over the whole trace), `check` on a longer
 * trace may compare from a different config; the session then starts the comparison again
 * from boot with it (rare: it changes only when an honest process gives something away).
 */
const relationalSession = (runs: Runs, secrets: SecretClass, judge: Judge, cover: Cover): CheckSession => {
  const rel = secrets.released;
  if (rel === undefined) return comparisonSession(runs, secrets, judge, cover, secrets.config({ config: runs.config, ops: [] }));
  // check computes the second config (the spec's run) where it boots the machines: a throw there is a boot failure.
  const spec = runs.spec(runs.config);
  if (spec.threw) return stickySession(bootThrew(spec.error), () => null);
  let s: SpecCursor | null = spec.cursor;
  const released: MutableReleased = { exposed: new Set(), buffers: new Map() };
  const keyOf = () => `${[...released.exposed].sort((a, b) => a - b).join(',')}|${[...released.buffers].sort((a, b) => a[0] - b[0]).join(';')}`;
  let key = keyOf();
  const ops: DipcOp[] = [];
  let inner = comparisonSession(runs, secrets, judge, cover, rel.config(runs.config, released));
  return {
    get violation() {
      return inner.violation;
    },
    step(op) {
      ops.push(op);
      // Once the spec threw, every longer trace fails to boot the second run too.
      if (s === null) return inner.violation;
      const r = s.step(op);
      if (r.threw) {
        s = null;
        inner = stickySession(bootThrew(r.error), () => null);
        return inner.violation;
      }
      rel.step(s.state, op, { state: r.next.state, output: r.output }, released);
      s = r.next;
      const k = keyOf();
      if (k === key) return inner.step(op);
      key = k;
      inner = comparisonSession(runs, secrets, judge, cover, rel.config(runs.config, released));
      for (const o of ops) inner.step(o);
      return inner.violation;
    },
  };
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
