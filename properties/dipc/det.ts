// DET for the dIPC layer: the same trace on two fresh machines gives the same outputs and states.
import type { DipcOp } from '../../alphabet/dipc-ops';
import { sameOutput, outputToString } from '../../alphabet/output';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcState } from '../../spec/state/dipc';
import { checkDeterminism, threw } from '../model/hygiene';
import { type CheckSession, type Cursor, type Runs, stickySession, withSession } from '../session';
import type { DipcProperty } from '../types';

/**
 * checkDeterminism incrementally: two independent machines of the factory (two instances of
 * Runs, each booted and stepped on its own), compared at each op. A throw anywhere is
 * reported at step -1, as check does.
 */
const session = (runs: Runs): CheckSession => {
  const replayThrew = (e: unknown) => ({ step: -1, expected: 'replay runs', observed: threw('replay', e) });
  const a = runs.machine(runs.config);
  if (a.threw) return stickySession(replayThrew(a.error), () => null);
  const b = runs.machine(runs.config, 'second');
  if (b.threw) return stickySession(replayThrew(b.error), () => null);
  const from = (x: Cursor<DipcState>, y: Cursor<DipcState>, i: number, violation: CheckSession['violation']): CheckSession => {
    const advance = (op: DipcOp) => {
      const k = i++;
      const sa = x.step(op);
      if (sa.threw) return replayThrew(sa.error);
      const sb = y.step(op);
      if (sb.threw) return replayThrew(sb.error);
      x = sa.next;
      y = sb.next;
      if (!sameOutput(sa.output, sb.output))
        return { step: k, expected: `both runs return ${outputToString(sa.output)} on ${DIPC_LAYER.show(op)}`, observed: `second run returned ${outputToString(sb.output)}` };
      let d: string | null;
      try {
        d = DIPC_LAYER.diff(x.state, y.state);
      } catch (e) {
        return replayThrew(e);
      }
      return d === null ? null : { step: k, expected: 'both runs reach the same state', observed: d.replaceAll('spec', 'run 1').replaceAll('impl', 'run 2') };
    };
    const self: CheckSession = stickySession(violation, advance, () => from(x, y, i, self.violation));
    return self;
  };
  return from(a.cursor, b.cursor, 0, null);
};

export const DET_DIPC: DipcProperty = {
  id: 'DET.dipc',
  layer: 'dipc',
  title: 'determinism (dIPC): the same trace replays identically',
  check: withSession((sc, f) => checkDeterminism(DIPC_LAYER, sc, f), session),
};
