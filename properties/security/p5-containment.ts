// P5 containment (DESIGN §6, paper §5.1): with any number of adversarial processes doing
// anything, P1–P4 and the requested guarantees of every honest process still hold. Run over
// systems where only process 0 is honest and every other process is an adversary, with
// all of P1–P4 and the (non-relational) argument guarantees checked at every step.
import { containmentScenarioArb } from '../../gen/security-scenario';
import { ARG_DCS_CONF, ARG_DCS_INT, ARG_IMM, ARG_REF, ARG_REG_INT, ARG_STACK_CONF, ARG_STACK_INT } from './arguments';
import { ACCT } from './acct';
import { securityProperty } from './harness';
import { P1 } from './p1-grants';
import { P2 } from './p2-entry';
import { P3 } from './p3-return';
import { P4 } from './p4-signatures';

const PARTS = [P1, P2, P3, P4, ACCT, ARG_REG_INT, ARG_STACK_INT, ARG_DCS_INT, ARG_DCS_CONF, ARG_STACK_CONF, ARG_REF, ARG_IMM];

export const P5 = securityProperty(
  {
    id: 'P5',
    title: 'containment: with every other process adversarial, P1-P4 and the honest process\'s requested guarantees hold',
    needs: 'what each part needs',
    coverage: { 'adversarial transfer inside a call': 0.1, 'honest caller entered a callee': 0.2 },
    makeCheck: () => {
      const checks = PARTS.map((p) => ({ id: p.id, check: p.makeCheck() }));
      return (o, calls, events) => {
        for (const c of checks) {
          const b = c.check(o, calls, events);
          if (b !== null) return { expected: `${c.id}: ${b.expected}`, observed: b.observed };
        }
        return null;
      };
    },
  },
  containmentScenarioArb,
);
