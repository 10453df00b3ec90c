// Incremental checking (issue 14, docs/explore.md "Checking incrementally"): a property's
// `check` fed a trace one op at a time. A session gives, after each op, the verdict `check`
// gives on the trace fed so far; the machine runs it reads come from a `Runs` source that
// many sessions share, so a search that checks 19 properties on 100 transitions of one state
// steps each machine once per transition instead of replaying the whole trace from boot 19
// times per transition (explore/runs.ts keeps them in a trie, forking the machine per op).
//
// Sessions run the same per-step code as `check` (properties/observe.ts stepObservation,
// refinement/checker.ts refinementStep, properties/security/noninterference.ts
// Noninterference ...), so their verdicts are `check`'s by construction; test/session.test.ts
// checks it on random scenarios for every dIPC property, on the spec and the impl.
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Output } from '../alphabet/output';
import type { DipcState } from '../spec/state/dipc';
import type { Violation } from './types';

/** What stepping a run gave: its output and where the run is now, or what the machine threw. */
export type Stepped<St> = { readonly threw: false; readonly output: Output; readonly next: Cursor<St> } | { readonly threw: true; readonly error: unknown };

/**
 * A point of a machine run: the abstract state there, and the steps from it. A cursor is
 * never changed by stepping: asking for the same op (the same key) again gives the same
 * result, so sessions that share a run share its steps.
 */
export interface Cursor<St> {
  readonly state: St;
  /** Step `op` from here. `key` (default: the op) names the step among this cursor's: a second run keys its ops by the first run's. */
  step(op: DipcOp, key?: unknown): Stepped<St>;
}

/** The spec's run: its state and the step result, or the throw (the spec is a function, so nothing to fork). */
export type SpecStepped = { readonly threw: false; readonly output: Output; readonly next: SpecCursor } | { readonly threw: true; readonly error: unknown };
export interface SpecCursor {
  readonly state: DipcState;
  step(op: DipcOp): SpecStepped;
}

/** Where a run boots: its cursor, or what booting threw. */
export type Booted<C> = { readonly threw: false; readonly cursor: C } | { readonly threw: true; readonly error: unknown };

/**
 * The machine runs sessions read, shared between them. `machine(cfg, instance)` is the
 * machine under test booted from `cfg` (the scenario's config or a secret variant of it);
 * instances with different names are independent machines (DET compares two). `spec(cfg)`
 * is the dIPC spec's run.
 */
export interface Runs {
  readonly config: DipcConfig;
  machine(cfg: DipcConfig, instance?: string): Booted<Cursor<DipcState>>;
  spec(cfg: DipcConfig): Booted<SpecCursor>;
}

/** A property's check, incrementally: `violation` is what `check` gives on the ops fed so far. */
export interface CheckSession {
  readonly violation: Violation | null;
  /** Feed one more op; returns the new `violation`. */
  step(op: DipcOp): Violation | null;
  /** An independent session in the same state, when the session can copy itself cheaply (else the caller replays). */
  fork?(): CheckSession;
}

/** How a property starts a session on the runs of one scenario's config. */
export type SessionStart = (runs: Runs) => CheckSession;

/**
 * The session of each check function that has one. Keyed by the check function itself, not
 * a field of the property: a property made by spreading another and replacing its `check`
 * (`{ ...P, check: other }`, as findings and unguarded forms are) then has no session, and
 * is replayed, instead of silently keeping the session of the check it replaced.
 */
const SESSIONS = new WeakMap<object, SessionStart>();

/** Registers `start` as the incremental form of `check`; returns `check`. */
export const withSession = <C extends (...args: never[]) => unknown>(check: C, start: SessionStart): C => {
  SESSIONS.set(check, start);
  return check;
};

/** A property's session start, when its check has one. */
export const sessionOf = (p: { readonly check: object }): SessionStart | undefined => SESSIONS.get(p.check);

/**
 * A session whose first violation stays: what the step checks of `checkStepsIn`, the
 * refinement checker and the relational engine do (they stop at the first violation and
 * report it, whatever follows). `advance` is asked only while there is none.
 */
export const stickySession = (boot: Violation | null, advance: (op: DipcOp) => Violation | null, fork?: () => CheckSession): CheckSession => {
  let violation = boot;
  const s: CheckSession = {
    get violation() {
      return violation;
    },
    step(op) {
      if (violation === null) violation = advance(op);
      return violation;
    },
  };
  if (fork !== undefined) (s as { fork?: () => CheckSession }).fork = fork;
  return s;
};

/**
 * Parts checked in order over the whole trace, as P5 and the relational argument guarantees
 * do: `check` runs the first part on the whole trace and the next only when it passed, so the
 * verdict is the first part's violation, else the second's, ..., each possibly relabelled.
 */
export const partsSession = (parts: readonly { readonly session: CheckSession; readonly label?: (v: Violation) => Violation }[]): CheckSession => {
  const verdict = (): Violation | null => {
    for (const p of parts) {
      const v = p.session.violation;
      if (v !== null) return p.label === undefined ? v : p.label(v);
    }
    return null;
  };
  let violation = verdict();
  return {
    get violation() {
      return violation;
    },
    step(op) {
      // Parts after the first broken one cannot change the verdict (each part's violation stays).
      for (const p of parts) if (p.session.step(op) !== null) break;
      violation = verdict();
      return violation;
    },
  };
};

/**
 * The session of a check that runs other checks in order over the whole trace, each only when
 * the ones before passed (partsSession), registered when every part has one.
 */
export const withPartsSession = <C extends (...args: never[]) => unknown>(
  check: C,
  parts: readonly { readonly check: object; readonly label?: (v: Violation) => Violation }[],
): C => {
  const starts = parts.map((p) => SESSIONS.get(p.check));
  if (starts.some((s) => s === undefined)) return check;
  return withSession(check, (runs) => partsSession(parts.map((p, k) => ({ session: (starts[k] as SessionStart)(runs), label: p.label }))));
};

/** Feed a whole trace: the verdict `check` gives on it. */
export const sessionVerdict = (s: CheckSession, ops: readonly DipcOp[]): Violation | null => {
  for (const op of ops) s.step(op);
  return s.violation;
};
