// REF for the dIPC layer: the machine refines the dIPC spec on every op.
import { checkRefinementIn, bootDiff, refinementStep, threw } from '../../refinement/checker';
import { DIPC_LAYER } from '../../refinement/layer';
import { type CheckSession, type Cursor, type Runs, type SpecCursor, stickySession, withSession } from '../session';
import type { DipcState } from '../../spec/state/dipc';
import type { DipcProperty } from '../types';

/** checkRefinementIn (stride 1) incrementally: the spec's run and the machine's, compared at each op. */
const session = (runs: Runs): CheckSession => {
  const spec = runs.spec(runs.config);
  // check lets a spec that throws throw (TOTAL.dipc reports it); so does the session.
  if (spec.threw) throw spec.error;
  const m = runs.machine(runs.config);
  if (m.threw) return stickySession({ step: -1, expected: 'the machine boots', observed: threw(m.error) }, () => null);
  const from = (s: SpecCursor, c: Cursor<DipcState>, i: number, violation: CheckSession['violation']): CheckSession => {
    const advance = (op: Parameters<CheckSession['step']>[0]) => {
      const next = s.step(op);
      if (next.threw) throw next.error;
      const k = i++;
      const st = c.step(op);
      if (st.threw) return refinementStep(DIPC_LAYER, k, op, { state: next.next.state, output: next.output }, st);
      const v = refinementStep(DIPC_LAYER, k, op, { state: next.next.state, output: next.output }, { threw: false, output: st.output, state: () => st.next.state });
      s = next.next;
      c = st.next;
      return v;
    };
    // The state is two cursors and a count: a fork is a copy of them.
    const self: CheckSession = stickySession(violation, advance, () => from(s, c, i, self.violation));
    return self;
  };
  return from(spec.cursor, m.cursor, 0, bootDiff(DIPC_LAYER, spec.cursor.state, m.cursor.state));
};

export const REF_DIPC: DipcProperty = {
  id: 'REF.dipc',
  layer: 'dipc',
  title: 'refinement (dIPC): equal outputs and α(impl) = spec after every op',
  check: withSession((sc, f) => checkRefinementIn(DIPC_LAYER, sc, f, { stride: 1 }), session),
};
