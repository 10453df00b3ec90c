// The guarantees the policy audit reports (issue 6, DESIGN §10), each on the side it
// protects, checked whatever the policy: the audit runs them per combination of caller- and
// callee-requested isolation properties, with an adversarial peer on the other side, to
// learn which really hold. A guarantee with no policy condition is the suite's property.
import type { DipcProperty } from '../types';
import { ACCT } from './acct';
import { ARG_GUARANTEES } from './arguments';
import { P1 } from './p1-grants';
import { P2 } from './p2-entry';
import { P3 } from './p3-return';
import { P4 } from './p4-signatures';
import { PROGRESS_NEEDS, progressForSide } from './progress-guarantee';
import { regConfUnguarded } from './relational';

export type Side = 'caller' | 'callee';

export interface Guarantee {
  /** The property id of the suite it comes from ('ARG-STACK-INT'). */
  readonly id: string;
  /** The honest process it protects: the caller (the peer is an adversarial callee) or the callee. */
  readonly side: Side;
  readonly title: string;
  /** What the suite's property needs from the policy. */
  readonly needs: string;
  /** The check, applied to every call whatever its policy. */
  readonly property: DipcProperty;
}

const arg = (id: string, side: Side): Guarantee => {
  const g = ARG_GUARANTEES.find((x) => x.property.id === id);
  if (g === undefined) throw new Error(`no argument guarantee ${id}`);
  return { id, side, title: g.property.title, needs: g.property.needs, property: g.unguarded };
};

const plain = (p: DipcProperty & { readonly needs: string }, side: Side): Guarantee => ({ id: p.id, side, title: p.title, needs: p.needs, property: p });

const regConf = (side: Side): Guarantee => {
  const p = regConfUnguarded(side);
  return { id: 'ARG-REG-CONF', side, title: p.title, needs: side === 'caller' ? "regConf (the caller's stub zeroes)" : "regConf (the callee's stub zeroes)", property: p };
};

/** Honest progress (P5, issue 12 §2) of the side's honest threads. */
const progress = (side: Side): Guarantee => {
  const p = progressForSide(side);
  return { id: 'P5-progress', side, title: p.title, needs: PROGRESS_NEEDS, property: p };
};

export const GUARANTEES: readonly Guarantee[] = [
  plain(P1, 'caller'),
  plain(P3, 'caller'),
  regConf('caller'),
  arg('ARG-REG-INT', 'caller'),
  arg('ARG-STACK-INT', 'caller'),
  arg('ARG-STACK-CONF', 'caller'),
  arg('ARG-DCS-INT', 'caller'),
  arg('ARG-DCS-CONF', 'caller'),
  arg('ARG-REF', 'caller'),
  progress('caller'),
  plain(P1, 'callee'),
  plain(P2, 'callee'),
  plain(P4, 'callee'),
  regConf('callee'),
  arg('ARG-IMM', 'callee'),
  plain(ACCT, 'callee'),
  progress('callee'),
];
