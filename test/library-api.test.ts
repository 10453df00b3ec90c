// The library API as a user sees it: imported by the package name, run against a machine
// the user writes. A faithful user machine passes refinement and a security property; a
// broken one and a throwing one fail with a counterexample instead of throwing.
import { describe, expect, test } from 'vitest';
import {
  alphabet,
  checkRefinement,
  type Config,
  type DipcConfig,
  type DipcMachine,
  type DipcMachineFactory,
  type DipcOp,
  type DipcState,
  impl,
  type Machine,
  type MachineFactory,
  type Op,
  type Output,
  properties,
  spec,
  type SpecState,
} from 'dipc-spec';

const SEED = 20170423;

/** A user's CODOMs machine: delegates to the shipped impl (a variant design would change what it does). */
class MyMachine implements Machine {
  private readonly inner: Machine;
  constructor(cfg: Config) {
    this.inner = impl.codoms.factory.create(cfg);
  }
  step(op: Op): Output {
    return this.inner.step(op);
  }
  abstract(): SpecState {
    return this.inner.abstract();
  }
}
const mine: MachineFactory = { id: 'mine', create: (cfg) => new MyMachine(cfg) };

/** The same machine with a bug: every third op is acknowledged but has no effect. */
class DropsEveryThird extends MyMachine {
  private n = 0;
  override step(op: Op): Output {
    return ++this.n % 3 === 0 ? alphabet.ok : super.step(op);
  }
}
const dropping: MachineFactory = { id: 'drops-every-third', create: (cfg) => new DropsEveryThird(cfg) };

/** A user's dIPC system, delegating the same way. */
class MyDipc implements DipcMachine {
  private readonly inner: DipcMachine;
  constructor(cfg: DipcConfig) {
    this.inner = impl.dipc.factory.create(cfg);
  }
  step(op: DipcOp): Output {
    return this.inner.step(op);
  }
  abstract(): DipcState {
    return this.inner.abstract();
  }
}
const myDipc: DipcMachineFactory = { id: 'my-dipc', create: (cfg) => new MyDipc(cfg) };

// Never called: the overloads tie a dIPC factory to `layer: 'dipc'`.
export const _typeOnly = (): void => {
  // @ts-expect-error a dIPC factory needs { layer: 'dipc' }
  checkRefinement(myDipc);
  // @ts-expect-error a CODOMs factory is not a dIPC one
  checkRefinement(mine, { layer: 'dipc' });
};

describe('library API (import from dipc-spec)', () => {
  test('exports the spec, the impl and the catalogue', () => {
    expect(spec.codoms.factory.id).toBe('spec');
    expect(spec.dipc.factory.id).toBe('spec');
    expect(typeof spec.dipc.step).toBe('function');
    expect(properties.propertyById('REF.dipc')?.layer).toBe('dipc');
    expect(properties.SECURITY_PROPERTIES.length).toBeGreaterThan(0);
  });

  test('a faithful user machine refines the spec, on both layers', () => {
    const r = checkRefinement(mine, { seed: SEED, runs: 50 });
    expect(r.result, r.text).toBe('pass');
    expect(r.runs).toBe(50);
    expect(r.counterexample).toBeNull();
    const d = checkRefinement(myDipc, { layer: 'dipc', seed: SEED, runs: 20 });
    expect(d.result, d.text).toBe('pass');
    expect(d.property).toBe('REF.dipc');
  });

  test('a broken user machine fails refinement with a minimised trace', () => {
    const r = checkRefinement(dropping, { seed: SEED, runs: 50 });
    expect(r.result).toBe('fail');
    const cx = r.counterexample;
    expect(cx).not.toBeNull();
    if (cx === null) return;
    expect(cx.trace.length).toBeGreaterThanOrEqual(3); // the first dropped op is the third
    expect(cx.violation.step).toBeGreaterThanOrEqual(2);
    expect(cx.shown).toHaveLength(cx.trace.length);
    expect(r.text).toContain('REF');
    console.log(r.text);
  });

  test('a machine that throws fails refinement instead of throwing', () => {
    const throwing: MachineFactory = {
      id: 'throws',
      create: (cfg) => {
        const m = new MyMachine(cfg);
        let n = 0;
        return { step: (op) => (++n === 2 ? (() => { throw new Error('boom'); })() : m.step(op)), abstract: () => m.abstract() };
      },
    };
    const r = checkRefinement(throwing, { seed: SEED, runs: 20 });
    expect(r.result).toBe('fail');
    expect(r.counterexample?.violation.observed).toContain('boom');
  });

  test('a security property and CODOMs properties run on the user machines', () => {
    const p1 = properties.run('P1', { dipc: myDipc }, { seed: SEED, runs: 10 });
    expect(p1.result, properties.describe(p1)).toBe('pass');
    expect(p1.machine).toBe('my-dipc');
    const reports = properties.runAll({ codoms: mine }, { seed: SEED, runs: 20, only: ['C1', 'TOTAL'] });
    expect(reports.map((x) => [x.id, x.result])).toEqual([
      ['C1', 'pass'],
      ['TOTAL', 'pass'],
    ]);
    expect(() => properties.run('P1', { codoms: mine })).toThrow(/machines.dipc/);
  });
});
