// The machine the search steps and hashes: a machine of the registry (`--machine`), booted
// from the scope's config. When it is the impl or an impl mutant, its state is hashed from
// the impl's own objects (typed arrays) without running α, and copied (clone.ts) to step
// each candidate; otherwise (the spec, a design mutant) it is hashed from its abstract
// state, which is then the state; a pure machine (the spec, a design mutant:
// refinement/pure-machine.ts) is copied by sharing its immutable state, any other by replaying
// its trace (docs/explore.md "Deduplication").
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Output } from '../alphabet/output';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { DipcAbstractor } from '../refinement/dipc-abstraction';
import { implBehind } from '../refinement/dipc-impl-machine';
import { pureBehind, type PureStep } from '../refinement/pure-machine';
import type { DipcMachineFactory } from '../refinement/machine';
import type { DipcState } from '../spec/state/dipc';
import { deepClone } from './clone';
import { stateHash, type TypedRecord } from './hash';

export type HashMode = 'impl-state' | 'abstraction';

export interface ExploreMachine {
  step(op: DipcOp): Output;
  abstract(): DipcState;
  /** The state's hash; `record` lets the impl's hash reuse the lanes of arrays equal to a recorded state's (hash.ts TypedRecord). */
  hash(record?: { readonly into?: TypedRecord; readonly from?: TypedRecord }): string;
  /** An independent machine in the same state. */
  fork(): ExploreMachine;
}

const implMachine = (raw: DipcImplMachine, cfg: DipcConfig): ExploreMachine => {
  const skip = new Set<unknown>([cfg]);
  const alpha = new DipcAbstractor();
  return {
    step: (op) => raw.step(op),
    abstract: () => alpha.abstract(raw),
    hash: (record) => stateHash(raw, skip, false, record),
    fork: () => implMachine(deepClone(raw, [cfg]), cfg),
  };
};

/**
 * A machine copied by replaying its trace on a fresh instance. It is hashed from the impl's own
 * objects when it is an impl (one holding closures, below), else from its abstract state.
 */
const replayed = (factory: DipcMachineFactory, cfg: DipcConfig, ops: readonly DipcOp[]): ExploreMachine => {
  const m = factory.create(cfg);
  for (const op of ops) m.step(op);
  const raw = implBehind.get(m);
  const skip = new Set<unknown>([cfg]);
  const trace = [...ops];
  return {
    step: (op) => {
      trace.push(op);
      return m.step(op);
    },
    abstract: () => m.abstract(),
    hash: () => (raw !== undefined ? stateHash(raw, skip) : stateHash(m.abstract(), undefined, true)),
    fork: () => replayed(factory, cfg, trace),
  };
};

/**
 * Does the impl's object graph hold a function as an own field (a method patched with a
 * closure, as stack-caps-one-word-too-large patches its hardware's capability derivation)?
 * A closure keeps what it captured: a deep copy would share it with the original (a step of the
 * copy changing the original), and the hash cannot see into it. Such a machine is copied by
 * replaying its trace on a fresh instance, whose closures capture its own objects.
 */
export const holdsClosures = (root: unknown): boolean => {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    for (const x of v instanceof Set || Array.isArray(v) ? [...(v as Iterable<unknown>)] : Object.values(v)) {
      if (typeof x === 'function') return true;
      stack.push(x);
    }
  }
  return false;
};

/** A pure machine (the spec, a design mutant): a copy shares the immutable state value. */
const pureExplore = (step: PureStep, state: DipcState): ExploreMachine => {
  let s = state;
  return {
    step: (op) => {
      const r = step(s, op);
      s = r.state;
      return r.output;
    },
    abstract: () => s,
    hash: () => stateHash(s, undefined, true),
    fork: () => pureExplore(step, s),
  };
};

export const hashModeOf = (factory: DipcMachineFactory, cfg: DipcConfig): HashMode =>
  implBehind.has(factory.create(cfg)) ? 'impl-state' : 'abstraction';

export const bootMachine = (factory: DipcMachineFactory, cfg: DipcConfig): ExploreMachine => {
  const m = factory.create(cfg);
  const raw = implBehind.get(m);
  if (raw !== undefined) return holdsClosures(raw) ? replayed(factory, cfg, []) : implMachine(raw, cfg);
  const pure = pureBehind.get(m);
  return pure !== undefined ? pureExplore(pure.step, pure.state()) : replayed(factory, cfg, []);
};
