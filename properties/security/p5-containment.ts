// P5 containment (DESIGN §6, paper §5.1): with any number of adversarial processes doing
// anything, P1–P4 and the requested guarantees of every honest process still hold. Run over
// systems where only process 0 is honest and every other process is an adversary, with
// all of P1–P4 and the argument guarantees checked at every step, then the relational
// confidentiality checks (ARG-REG-CONF and the relational halves of ARG-STACK-CONF and
// ARG-DCS-CONF) on the same trace. Honest progress (progress.ts, issue 12 §2) is a part
// too: an honest thread never faults, ends, or loses a capability it owns because of what an
// adversary did, under the policy condition progress-guarantee.ts states.
import type { DipcScenario } from '../../gen/dipc-scenario';
import { containmentScenarioArb } from '../../gen/security-scenario';
import type { DipcMachineFactory } from '../../refinement/machine';
import { withPartsSession } from '../session';
import type { Violation } from '../types';
import { ARG_DCS_CONF, ARG_DCS_INT, ARG_IMM, ARG_REF, ARG_REG_INT, ARG_STACK_CONF, ARG_STACK_INT } from './arguments';
import { ACCT } from './acct';
import { type SecurityProperty, securityProperty } from './harness';
import { ARG_REG_CONF } from './relational';
import { P1 } from './p1-grants';
import { P2 } from './p2-entry';
import { P3 } from './p3-return';
import { P4 } from './p4-signatures';
import { makeProgressCheck } from './progress';
import { PROGRESS_CONDITION, PROGRESS_NEEDS } from './progress-guarantee';

const PARTS = [P1, P2, P3, P4, ACCT, ARG_REG_INT, ARG_STACK_INT, ARG_DCS_INT, ARG_DCS_CONF, ARG_STACK_CONF, ARG_REF, ARG_IMM];

const stepwise = securityProperty(
  {
    id: 'P5',
    title: 'containment: with every other process adversarial, P1-P4 and the honest process\'s requested guarantees hold',
    needs: `what each part needs; honest progress: ${PROGRESS_NEEDS}`,
    coverage: {
      'adversarial transfer inside a call': 0.1, 'honest caller entered a callee': 0.2,
      'progress: honest caller checked at its resumption': 0.2, 'progress: honest caller resumed after an unwind': 0.1,
    },
    makeCheck: () => {
      const checks = [
        ...PARTS.map((p) => ({ id: p.id, check: p.makeCheck() })),
        { id: 'progress', check: makeProgressCheck({ condition: PROGRESS_CONDITION }) },
      ];
      return (o, calls, events, w) => {
        for (const c of checks) {
          const b = c.check(o, calls, events, w);
          if (b !== null) return { expected: `${c.id}: ${b.expected}`, observed: b.observed };
        }
        return null;
      };
    },
  },
  containmentScenarioArb,
);

/** Each confidentiality property whole (its stepwise part runs again, cheaply, in its own check). */
const RELATIONAL = [ARG_REG_CONF, ARG_STACK_CONF, ARG_DCS_CONF];

const labelled = (id: string, v: Violation): Violation => ({ ...v, expected: `${id}: ${v.expected}` });

export const P5: SecurityProperty = {
  ...stepwise,
  check: withPartsSession(
    (sc: DipcScenario, factory: DipcMachineFactory) => {
      const v = stepwise.check(sc, factory);
      if (v.violation !== null) return v;
      const events = [...(v.events ?? [])];
      for (const p of RELATIONAL) {
        const r = p.check(sc, factory);
        events.push(...(r.events ?? []));
        if (r.violation !== null) return { ...v, violation: labelled(p.id, r.violation), events: [...new Set(events)] };
      }
      return { ...v, events: [...new Set(events)] };
    },
    [stepwise, ...RELATIONAL.map((p) => ({ check: p.check, label: (v: Violation) => labelled(p.id, v) }))],
  ),
};
