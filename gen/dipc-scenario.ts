// A dIPC scenario: a system configuration plus the op trace run on it.
import fc from 'fast-check';
import * as t from 'io-ts';
import { type DipcConfig, DipcConfigC } from '../alphabet/dipc-config';
import { type DipcOp, DipcOpC } from '../alphabet/dipc-ops';
import { DIPC_BOUNDS, type DipcBounds } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { dipcTraceArb } from './dipc-ops';
import { wildOpArb } from './ops';
import { keptStackAttackArb, steerKeptStack } from './timeout-attack';

export interface DipcScenario {
  readonly config: DipcConfig;
  readonly ops: readonly DipcOp[];
}

export const DipcScenarioC = t.type({ config: DipcConfigC, ops: t.array(DipcOpC) });

/**
 * One scenario in eight has one of its calls steered for the time-out attack on the split
 * callee's stack (gen/timeout-attack.ts, §5.4): the caller keeps the callee's stack
 * capability through the DCS and writes into that stack after the time-out (TMO). Drawn
 * after the config and the ops, so the other scenarios are the ones these seeds made before.
 */
export const dipcScenarioArb = (b: DipcBounds = DIPC_BOUNDS, maxOps = b.maxOps): fc.Arbitrary<DipcScenario> =>
  fc
    .record({
      config: dipcConfigArb(b),
      ops: dipcTraceArb(maxOps),
      attack: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: keptStackAttackArb }),
    })
    .map(({ config, ops, attack }) => {
      if (attack === null) return { config, ops };
      const s = steerKeptStack(config, ops, attack);
      return { config: s.config, ops: s.ops.slice(0, maxOps) };
    });

/** dIPC traces with absurd indices and non-ops mixed in (TOTAL). */
export const wildDipcScenarioArb = (b: DipcBounds = DIPC_BOUNDS, maxOps = b.maxOps): fc.Arbitrary<DipcScenario> =>
  fc.record({
    config: dipcConfigArb(b),
    ops: fc
      .tuple(dipcTraceArb(maxOps), fc.array(fc.tuple(fc.nat(), wildOpArb as fc.Arbitrary<DipcOp>), { maxLength: maxOps / 4 }))
      .map(([ops, wild]) => {
        const out = [...ops];
        for (const [at, op] of wild) out.splice(at % (out.length + 1), 0, op);
        return out.slice(0, maxOps);
      }),
  });
