// TOTAL for the dIPC layer: neither the dIPC spec nor the machine throws, whatever the op.
import type { DipcOp } from '../../alphabet/dipc-ops';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcState } from '../../spec/state/dipc';
import { checkTotal, threw } from '../model/hygiene';
import { type CheckSession, type Cursor, type Runs, type SpecCursor, stickySession, withSession } from '../session';
import type { DipcProperty } from '../types';

/** checkTotal incrementally: the spec's run, then the machine's, at each op; the first throw stays. */
const session = (runs: Runs): CheckSession => {
  const bootThrew = (e: unknown) => stickySession({ step: -1, expected: 'boot does not throw', observed: threw('boot', e) }, () => null);
  const spec = runs.spec(runs.config);
  if (spec.threw) return bootThrew(spec.error);
  const m = runs.machine(runs.config);
  if (m.threw) return bootThrew(m.error);
  const from = (s: SpecCursor, c: Cursor<DipcState>, i: number, violation: CheckSession['violation']): CheckSession => {
    const advance = (op: DipcOp) => {
      const k = i++;
      const next = s.step(op);
      if (next.threw) return { step: k, expected: `spec returns on ${DIPC_LAYER.show(op)}`, observed: threw('spec', next.error) };
      const st = c.step(op);
      if (st.threw) return { step: k, expected: `machine returns on ${DIPC_LAYER.show(op)}`, observed: threw('machine', st.error) };
      s = next.next;
      c = st.next;
      return null;
    };
    const self: CheckSession = stickySession(violation, advance, () => from(s, c, i, self.violation));
    return self;
  };
  return from(spec.cursor, m.cursor, 0, null);
};

export const TOTAL_DIPC: DipcProperty = {
  id: 'TOTAL.dipc',
  layer: 'dipc',
  title: 'totality (dIPC): spec and machine never throw, whatever the op',
  wild: true,
  check: withSession((sc, f) => checkTotal(DIPC_LAYER, sc, f), session),
};
