// Every property of the suite, in the order reports list them (DESIGN §6).
import { C1 } from './codoms/c1-access';
import { C2 } from './codoms/c2-alignment';
import { C3 } from './codoms/c3-privilege';
import { C4 } from './codoms/c4-monotonicity';
import { C5 } from './codoms/c5-revocation';
import { C6 } from './codoms/c6-storage';
import { HW_ACCESS } from './dipc/hw-access';
import { DET_DIPC } from './dipc/det';
import { REF_DIPC } from './dipc/ref';
import { TMO } from './dipc/tmo';
import { TOTAL_DIPC } from './dipc/total';
import { UNW } from './dipc/unw';
import { DET } from './model/det';
import { REF } from './model/ref';
import { TOTAL } from './model/total';
import { ACCT } from './security/acct';
import { ARG_DCS_CONF, ARG_DCS_INT, ARG_GUARANTEES, ARG_IMM, ARG_REF, ARG_REG_INT, ARG_STACK_CONF, ARG_STACK_INT, RELATIONAL_FINDINGS } from './security/arguments';
import { P1 } from './security/p1-grants';
import { P2 } from './security/p2-entry';
import { P3 } from './security/p3-return';
import { P4 } from './security/p4-signatures';
import { P5 } from './security/p5-containment';
import { PROGRESS, PROGRESS_FINDINGS, PROGRESS_UNGUARDED, progressForSide } from './security/progress-guarantee';
import { ARG_REG_CONF, regConfUnguarded } from './security/relational';
import type { AnyProperty } from './types';

/** The security suites (issue 5), each killed by at least one mutant (docs/security.md). */
export const SECURITY_PROPERTIES: readonly AnyProperty[] = [
  P1, P2, P3, P4, P5, ARG_REG_CONF, ARG_REG_INT, ARG_STACK_INT, ARG_STACK_CONF, ARG_DCS_INT, ARG_DCS_CONF, ARG_IMM, ARG_REF, ACCT,
];

export const PROPERTIES: readonly AnyProperty[] = [C1, C2, C3, C4, C5, C6, REF, TOTAL, DET, REF_DIPC, TOTAL_DIPC, DET_DIPC, HW_ACCESS, UNW, TMO, ...SECURITY_PROPERTIES];

/**
 * Findings (issue 5 item 4): each guarantee with one of its conditions dropped, named
 * '<id>~<what is dropped>'. Not part of the suite: each has a stored trace under
 * counterexamples/ showing that the condition is needed (`dipc-spec record-findings`).
 */
export const FINDINGS: readonly (AnyProperty & { readonly note: string })[] = [
  ...ARG_GUARANTEES.flatMap((g) => g.findings),
  ...RELATIONAL_FINDINGS,
  ...PROGRESS_FINDINGS,
  { ...regConfUnguarded('caller'), note: "without regConf in the caller's import the caller stub leaves its non-argument registers to the callee" },
  { ...regConfUnguarded('callee'), note: "without regConf in the callee's entry the callee stub returns its non-result registers to the caller" },
];

/** The argument guarantees checked whatever the policy ('<id>~unguarded'), for the audit. */
export const UNGUARDED: readonly AnyProperty[] = ARG_GUARANTEES.map((g) => g.unguarded);

const EVERY_PROPERTY: readonly AnyProperty[] = [...PROPERTIES, ...FINDINGS, ...UNGUARDED, PROGRESS, PROGRESS_UNGUARDED, progressForSide('caller'), progressForSide('callee')];

export const propertyById = (id: string): AnyProperty | undefined => EVERY_PROPERTY.find((p) => p.id === id);

/** `--only REF` selects REF and REF.dipc; `--only REF.dipc` only the latter. */
export const selectProperties = (only: readonly string[]): AnyProperty[] =>
  only.length === 0
    ? [...PROPERTIES]
    : [
        ...PROPERTIES.filter((p) => only.includes(p.id) || only.includes(p.id.split('.')[0])),
        // Named exactly, a property outside the suite runs too (a finding, an unguarded guarantee, a pending one).
        ...EVERY_PROPERTY.filter((p) => !PROPERTIES.includes(p) && only.includes(p.id)),
      ];
