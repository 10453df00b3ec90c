// The generation strategies (issue 13, docs/generators.md): the guided strategy makes plain
// scenarios that replay without it, the same ones for the same seed, and its failures shrink
// to short traces; `check --strategy` is decoded like every flag.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import { CheckOptionsC, decodeOptions, flagName, UsageError } from '../cli/options';
import { DipcScenarioC } from '../gen/dipc-scenario';
import { ScenarioC } from '../gen/scenario';
import { STRATEGY_IDS, strategyArb } from '../gen/strategies';
import { checkOn, runOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import type { AnyScenario } from '../properties/runner';
import { TEST_SEED } from './budget';

const prop = (id: string) => {
  const p = propertyById(id);
  if (p === undefined) throw new Error(`no property ${id}`);
  return p;
};

describe(`generation strategies (seed ${TEST_SEED})`, () => {
  for (const id of ['C1', 'UNW', 'P2']) {
    test(`guided ${id} scenarios: the same for the same seed, plain data that replays without the generator`, () => {
      const p = prop(id);
      const a = fc.sample(strategyArb('guided', p), { seed: TEST_SEED, numRuns: 12 });
      const b = fc.sample(strategyArb('guided', p), { seed: TEST_SEED, numRuns: 12 });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.some((sc) => sc.ops.length > 10)).toBe(true);
      for (const sc of a) {
        // Through JSON and the codec, as a counterexample file would be read back.
        const json: unknown = JSON.parse(JSON.stringify(sc));
        const back: E.Either<unknown, AnyScenario> = p.layer === 'codoms' ? ScenarioC.decode(json) : DipcScenarioC.decode(json);
        expect(E.isRight(back)).toBe(true);
        if (E.isLeft(back)) continue;
        expect(JSON.stringify(checkOn(p, back.right, 'impl'))).toBe(JSON.stringify(checkOn(p, sc, 'impl')));
      }
    });
  }

  // swarm: a portfolio; each scenario is made by one sub-generator (patterns, guided, attack
  // first on random or dense systems), and is plain data like any other.
  for (const id of ['C1', 'REF.dipc', 'ARG-STACK-INT', 'P5']) {
    test(`swarm ${id} scenarios: the same for the same seed, within the bound, plain data that replays without the generator`, () => {
      const p = prop(id);
      const a = fc.sample(strategyArb('swarm', p), { seed: TEST_SEED, numRuns: 16 });
      const b = fc.sample(strategyArb('swarm', p), { seed: TEST_SEED, numRuns: 16 });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(JSON.stringify(fc.sample(strategyArb('swarm', p), { seed: TEST_SEED + 1, numRuns: 16 }))).not.toBe(JSON.stringify(a));
      const bound = p.layer === 'codoms' ? 60 : 80;
      for (const sc of a) {
        expect(sc.ops.length).toBeLessThanOrEqual(bound);
        const json: unknown = JSON.parse(JSON.stringify(sc));
        const back: E.Either<unknown, AnyScenario> = p.layer === 'codoms' ? ScenarioC.decode(json) : DipcScenarioC.decode(json);
        expect(E.isRight(back)).toBe(true);
        if (E.isLeft(back)) continue;
        expect(JSON.stringify(back.right)).toBe(JSON.stringify(sc));
        expect(JSON.stringify(checkOn(p, back.right, 'impl'))).toBe(JSON.stringify(checkOn(p, sc, 'impl')));
      }
    });
  }

  test('a swarm failure is found again from its seed, and its minimised trace fails on its own', () => {
    const run = () => runOn(prop('ARG-DCS-CONF'), 'own-dcs-copies-entry-below-arguments', { seed: TEST_SEED, numRuns: 3000, strategy: 'swarm' });
    const r = run();
    expect(r?.result).toBe('fail');
    const cx = r?.counterexample;
    expect(cx).toBeTruthy();
    if (cx == null) return;
    expect(JSON.stringify(run()?.counterexample?.scenario)).toBe(JSON.stringify(cx.scenario));
    expect(checkOn(prop('ARG-DCS-CONF'), JSON.parse(JSON.stringify(cx.scenario)), 'own-dcs-copies-entry-below-arguments')?.violation).not.toBeNull();
    console.log(`swarm: ARG-DCS-CONF kills own-dcs-copies-entry-below-arguments after ${cx.scenariosToFailure} scenarios, shrunk from ${cx.shrunkFrom} to ${cx.scenario.ops.length} ops`);
  });

  test('a guided failure shrinks to a short trace that fails again when replayed on its own', () => {
    // [property, mutant, the longest minimised trace accepted]; traces of at most 30 ops keep the shrinking cheap.
    const cases = [
      ['C4', 'derive-perm-grows', 8],
      ['UNW', 'unwind-forgets-sp', 8],
    ] as const;
    for (const [pid, mutant, longest] of cases) {
      const r = runOn(prop(pid), mutant, { seed: TEST_SEED, numRuns: 3000, strategy: 'guided', maxOps: 30 });
      expect(r?.result, `${mutant} survived ${r?.runs} guided scenarios of ${pid}`).toBe('fail');
      const cx = r?.counterexample;
      expect(cx).toBeTruthy();
      if (cx == null) continue;
      expect(cx.scenario.ops.length).toBeLessThanOrEqual(longest);
      expect(cx.scenario.ops.length).toBeLessThan(cx.shrunkFrom);
      expect(checkOn(prop(pid), JSON.parse(JSON.stringify(cx.scenario)), mutant)?.violation).not.toBeNull();
      console.log(`guided: ${pid} kills ${mutant} after ${cx.scenariosToFailure} scenarios, shrunk from ${cx.shrunkFrom} to ${cx.scenario.ops.length} ops${cx.minimizerCapped ? ' (minimiser capped)' : ''}`);
    }
  });

  test('--strategy takes a known strategy name, and a bad one names the flag', () => {
    const raw = { seed: '1', runs: '10', maxOps: undefined, only: [], machine: 'impl', json: undefined, outDir: 'x', write: false, shard: undefined, junit: undefined };
    for (const s of STRATEGY_IDS) expect(decodeOptions(CheckOptionsC, { ...raw, strategy: s }, flagName).strategy).toBe(s);
    expect(() => decodeOptions(CheckOptionsC, { ...raw, strategy: 'smart' }, flagName)).toThrow(UsageError);
    expect(() => decodeOptions(CheckOptionsC, { ...raw, strategy: 'smart' }, flagName)).toThrow(/^--strategy: expected patterns, uniform, guided or swarm, got "smart"/);
  });
});
