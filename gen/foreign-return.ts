// A return through another call's return path, aimed by running the system (P3, §5.2.3: a
// proxy's return path is its caller's way back, and only for the call that proxy made): a
// walk down imports that resolve to an adversarial callee, which calls one of its own
// imports and returns from it (so more than one proxy has been used), and then jumps to (or
// calls) the return path of a proxy other than the one its own call came through, read from
// the machine's proxies at that point, as the guided generator reads them; then it returns.
// The unaimed form is security-scenario.ts foreignReturnPattern (return paths guessed near
// the return capability); this one is swarm's (gen/strategies.ts, proxy attacks first).
import fc from 'fast-check';
import { RET_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { argsArb, bootOf } from './security-atoms';

export interface ForeignReturnAttack {
  readonly k: 'foreignReturn';
  readonly start: number;
  readonly steps: readonly number[];
  /** The callee's own import it calls before leaving. */
  readonly j: number;
  readonly args: readonly number[];
  readonly results: readonly number[];
  readonly nestedEnd: 'ret' | 'stub_return';
  /** Which other proxy's return path. */
  readonly pick: number;
  readonly op: 'jump' | 'call';
}

export const foreignReturnAttackArb: fc.Arbitrary<ForeignReturnAttack> = fc.record({
  k: fc.constant('foreignReturn' as const),
  start: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  j: fc.nat(),
  args: argsArb,
  results: argsArb,
  nestedEnd: fc.constantFrom('ret' as const, 'stub_return' as const),
  pick: fc.nat(),
  op: fc.constantFrom('jump' as const, 'call' as const),
});

/** Emits the attack's ops through `step`, which runs each on `m` (the system as the trace so far left it). */
export const wireForeignReturn = (m: DipcImplMachine, cfg: DipcConfig, w: ForeignReturnAttack, step: (op: DipcOp) => void): void => {
  const b = bootOf(cfg);
  const starts = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (starts.length === 0) return;
  const t = b.firstThread[starts[w.start % starts.length]];
  let cur = starts[w.start % starts.length];
  let depth = 0;
  for (const s of w.steps) {
    const ims = b.imports(cur).filter((im) => im.matches);
    if (ims.length === 0) break;
    const im = ims[s % ims.length];
    step({ op: 'stub_call', t, i: im.index, args: [...w.args] });
    cur = im.callee;
    depth++;
  }
  if (depth === 0 || b.honest(cur)) return;
  const own = b.imports(cur).filter((im) => im.matches);
  if (own.length > 0) {
    step({ op: 'stub_call', t, i: own[w.j % own.length].index, args: [...w.args] });
    step(w.nestedEnd === 'ret' ? { op: 'ret', t } : { op: 'stub_return', t, results: [...w.results] });
  }
  const frames = m.kthreads.kcs[t] ?? [];
  const mine = frames.length === 0 ? -1 : frames[frames.length - 1].proxy;
  const others = m.entries.proxies.flatMap((x, i) => (i === mine ? [] : [x.returnPath]));
  step({ op: w.op, t, a: others.length === 0 ? { k: 'capBase', c: RET_CAP, o: 16 } : { k: 'abs', a: others[w.pick % others.length] } });
  step({ op: 'stub_return', t, results: [...w.results] });
};
