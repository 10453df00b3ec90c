// A time-out (§5.4) resumes the caller with an error. This design resumes it as if the call
// had returned normally (r7 = 0): the caller takes whatever it finds for the callee's results.
import { ERR_REG } from '../../alphabet/config';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-timeout-without-error',
  description: 'a timed-out caller resumes without the time-out error in r7',
  cites: '§5.4 time-outs',
  targets: ['TMO'],
  factory: designFactory('design-timeout-without-error', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'timeout' || r.output.out !== 'ok') return r;
    const t = threadOf(s, op);
    return { ...r, state: mapCtx(r.state, (c, j) => (j === t ? { ...c, regs: c.regs.map((v, i) => (i === ERR_REG ? 0 : v)) } : c)) };
  }),
};
