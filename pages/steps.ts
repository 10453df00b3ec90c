// The step viewer's data (docs/pages.md "Step viewer"): a trace run on a machine, read
// through α after boot and after every op, turned into what a person looks at per step:
// each thread (process, call depth, registers, capability registers, DCS), its KCS frames,
// the memory words that changed, and the step at which a property broke with what it
// expected and observed. The same value feeds the audit page, `run --html` and
// `replay --html`; the browser only draws it (pages/client/viewer.js).
//
// Built step by step and never keeping more than two states, so a long trace costs the
// views it shows, not every intermediate state (issue 15); past MAX_STEPS ops the viewer
// shows the first MAX_STEPS and says so.
import { SP } from '../alphabet/config';
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import { type Output, outputToString } from '../alphabet/output';
import { describeCodomsChange, describeDipcChange } from '../counterexamples/narrate';
import { dipcMachineById, machineById } from '../machines/registry';
import type { LayerId, Violation } from '../properties/types';
import type { CapView, ProcessView, StepTrace, StepView, ThreadView, WordChange } from './data';

export type { StepTrace } from './data';
import { isRevoked } from '../spec/state/capabilities';
import type { DipcState } from '../spec/state/dipc';
import type { SpecState } from '../spec/state/machine';

/** Longest trace the viewer shows step by step. */
export const MAX_STEPS = 2000;

export interface TraceInput {
  readonly id: string;
  readonly title: string;
  readonly layer: LayerId;
  /** 'impl', 'spec' or a mutant id. */
  readonly machine: string;
  readonly config: unknown;
  readonly ops: readonly DipcOp[];
  readonly failing?: Violation | null;
  readonly notes?: readonly string[];
}

const hwOf = (layer: LayerId, s: unknown): SpecState => (layer === 'dipc' ? (s as DipcState).hw : (s as SpecState));

const KIND_NAMES: Record<string, string> = { kernel: 'kernel', default: 'code/data', created: 'domain', proxy: 'proxy', stack: 'stack' };

/** Where an address lies: its page and the domain's owner ('p0 stack', 'p1 code/data', 'proxy', 'kernel'). */
const whereOf = (layer: LayerId, s: unknown, addr: number): string => {
  const hw = hwOf(layer, s);
  const page = Math.floor(addr / hw.wordsPerPage);
  const pg = hw.pages[page];
  if (pg === undefined) return `page ${page}`;
  if (layer === 'codoms') return `page ${page} (d${pg.tag}${pg.capStore ? ', caps' : ''})`;
  const info = (s as DipcState).os.domains.get(pg.tag);
  const kind = info === undefined ? `d${pg.tag}` : KIND_NAMES[info.kind] ?? info.kind;
  return `page ${page}: ${info?.creator == null ? '' : `p${info.creator} `}${kind}${pg.capStore ? ' caps' : ''}`;
};

const threadsOf = (layer: LayerId, s: unknown): ThreadView[] => {
  const hw = hwOf(layer, s);
  return hw.threads.map((th, t): ThreadView => {
    const base = { t, ip: th.ip, regs: [...th.regs], capRegs: [...th.capRegs], dcs: [...th.dcs], dcsBase: th.dcsBase, faults: th.faults };
    if (layer === 'codoms') return base;
    const kt = (s as DipcState).os.threads[t];
    if (kt === undefined) return base;
    return {
      ...base,
      process: kt.current,
      home: kt.home,
      ended: kt.ended,
      kcs: kt.kcs.map((f) => ({
        proxy: f.proxy, caller: f.caller, callee: f.callee, returnAddress: f.returnAddress, savedSp: f.savedSp, savedDcsBase: f.savedDcsBase,
        savedDcs: f.savedDcs === null ? null : f.savedDcs.length, stackSwitched: f.stackSwitched, returnCap: f.returnCap, split: f.split,
      })),
    };
  });
};

const processesOf = (layer: LayerId, s: unknown): ProcessView[] | undefined =>
  layer === 'dipc' ? (s as DipcState).os.processes.map((p, i) => ({ p: i, alive: p.alive, honest: p.honest })) : undefined;

/** Data words and capability slots that differ between two states (a missing word reads 0, a missing slot is empty). */
const wordChanges = (layer: LayerId, pre: SpecState | null, post: unknown): WordChange[] => {
  const hw = hwOf(layer, post);
  const addrs = new Set<number>([...hw.memory.keys(), ...hw.capMemory.keys(), ...(pre === null ? [] : [...pre.memory.keys(), ...pre.capMemory.keys()])]);
  const out: WordChange[] = [];
  for (const a of [...addrs].sort((x, y) => x - y)) {
    const v0 = pre?.memory.get(a) ?? 0;
    const v1 = hw.memory.get(a) ?? 0;
    if (v0 !== v1) out.push({ addr: a, where: whereOf(layer, post, a), before: v0, after: v1 });
    const c0 = pre?.capMemory.get(a);
    const c1 = hw.capMemory.get(a);
    if (c0 !== c1) out.push({ addr: a, where: whereOf(layer, post, a), before: c0 === undefined ? '' : `cap${c0}`, after: c1 === undefined ? '' : `cap${c1}` });
  }
  return out;
};

const show = (o: Output): string => outputToString(o);

interface Stepper {
  step(op: DipcOp): Output;
  abstract(): unknown;
}

const describeThrow = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Run the trace on its machine and build the viewer's steps. Never throws: a machine that throws or is unknown ends the steps with `error`. */
export const stepTrace = (input: TraceInput): StepTrace => {
  const { layer } = input;
  const factory = layer === 'codoms' ? machineById(input.machine) : dipcMachineById(input.machine);
  const head = {
    id: input.id,
    title: input.title,
    layer,
    machine: input.machine,
    notes: [...(input.notes ?? []), ...(input.ops.length > MAX_STEPS ? [`${input.ops.length} ops: the first ${MAX_STEPS} are shown`] : [])],
    failing: input.failing ?? null,
    length: input.ops.length,
  };
  const empty = { ...head, boot: { threads: [], words: [] }, steps: [], caps: [] };
  if (factory === undefined) return { ...empty, error: `no ${layer} machine '${input.machine}'` };
  let m: Stepper;
  let s: unknown;
  try {
    m = (factory.create as (c: unknown) => Stepper)(input.config);
    s = m.abstract();
  } catch (e) {
    return { ...empty, error: `the machine threw at boot: ${describeThrow(e)}` };
  }
  const caps: CapView[] = [];
  const trackCaps = (state: unknown, step: number) => {
    const nodes = hwOf(layer, state).caps;
    for (let id = caps.length; id < nodes.length; id++) {
      const n = nodes[id];
      caps.push({ id, parent: n.parent, base: n.base, length: n.length, perm: n.perm, kind: n.kind, owner: n.owner, made: step, revoked: null });
    }
    caps.forEach((c, id) => {
      if (c.revoked === null && isRevoked(nodes, id)) caps[id] = { ...c, revoked: step };
    });
  };
  trackCaps(s, -1);
  const boot = { threads: threadsOf(layer, s), ...(layer === 'dipc' ? { processes: processesOf(layer, s) } : {}), words: wordChanges(layer, null, s) };
  const steps: StepView[] = [];
  let error: string | undefined;
  const shown = input.ops.slice(0, MAX_STEPS);
  for (let i = 0; i < shown.length; i++) {
    const op = shown[i];
    let output: Output;
    let next: unknown;
    try {
      output = m.step(op);
      next = m.abstract();
    } catch (e) {
      error = `the machine threw at step ${i}: ${describeThrow(e)}`;
      break;
    }
    trackCaps(next, i);
    const change = layer === 'dipc' ? describeDipcChange(s as DipcState, next as DipcState) : describeCodomsChange(s as SpecState, next as SpecState);
    steps.push({
      op: dipcOpToString(op),
      output: show(output),
      change,
      threads: threadsOf(layer, next),
      ...(layer === 'dipc' ? { processes: processesOf(layer, next) } : {}),
      words: wordChanges(layer, hwOf(layer, s), next),
    });
    s = next;
  }
  return { ...head, boot, steps, caps, ...(error === undefined ? {} : { error }) };
};

/** The stack pointer's register index, for the viewer's column heads. */
export const SP_REGISTER = SP;
