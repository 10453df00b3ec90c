// A scenario is a machine configuration plus the op trace run on it.
import fc from 'fast-check';
import * as t from 'io-ts';
import { type Config, ConfigC } from '../alphabet/config';
import { type Op, OpC } from '../alphabet/ops';
import { CODOMS_BOUNDS, type ScenarioBounds } from './bounds';
import { configArb } from './config';
import { opArb, wildOpArb } from './ops';
import { aplRacePattern, capChainPattern } from './patterns';

export interface Scenario {
  readonly config: Config;
  readonly ops: readonly Op[];
}

export const ScenarioC = t.type({ config: ConfigC, ops: t.array(OpC) });

/** A trace: mostly single random ops, with some multi-op patterns mixed in, at most maxOps long. */
export const traceArb = (maxOps: number): fc.Arbitrary<Op[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 12, arbitrary: opArb.map((op) => [op]) },
        { weight: 1, arbitrary: capChainPattern },
        { weight: 1, arbitrary: aplRacePattern },
      ),
      { maxLength: maxOps, size: 'max' },
    )
    .map((chunks) => chunks.flat().slice(0, maxOps));

export const scenarioArb = (b: ScenarioBounds = CODOMS_BOUNDS, maxOps = b.maxOps): fc.Arbitrary<Scenario> =>
  fc.record({ config: configArb(b), ops: traceArb(maxOps) });

/** Scenarios whose ops include absurd indices and values (TOTAL). */
export const wildScenarioArb = (b: ScenarioBounds = CODOMS_BOUNDS, maxOps = b.maxOps): fc.Arbitrary<Scenario> =>
  fc.record({ config: configArb(b), ops: fc.array(wildOpArb, { maxLength: maxOps, size: 'max' }) });
