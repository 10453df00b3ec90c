// The library entry point: `import { spec, impl, properties, checkRefinement } from 'dipc-spec'`.
// Everything here wraps an existing module; the one thing added is `guard`, so that a user's
// machine that throws or returns a non-Output shows up as a failing report with a
// counterexample, never as an exception. Usage: docs/library.md. The contract a machine
// meets: refinement/machine.ts.
import { ConfigC } from './alphabet/config';
import { DipcConfigC } from './alphabet/dipc-config';
import { type DipcOp, DipcOpC, dipcOpToString } from './alphabet/dipc-ops';
import { OpC, opToString } from './alphabet/ops';
import { error, fault, ok, type Output, OutputC, outputToString, sameOutput, skip, value } from './alphabet/output';
import { resolveIndex, toWord } from './alphabet/resolve';
import { failureBlock, summaryTable } from './cli/report';
import { DipcImplMachine } from './impl/dipc/machine';
import { CodomsMachine } from './impl/machine';
import { FINDINGS, PROPERTIES, propertyById, SECURITY_PROPERTIES, selectProperties, UNGUARDED } from './properties/catalogue';
import { REF_DIPC } from './properties/dipc/ref';
import { REF } from './properties/model/ref';
import { type AnyScenario, type PropertyReport, runProperty } from './properties/runner';
import type { AnyProperty, LayerId, PropertyDef, Verdict, Violation } from './properties/types';
import { abstractImpl } from './refinement/abstraction';
import { abstractDipc } from './refinement/dipc-abstraction';
import { firstDipcDifference } from './refinement/dipc-diff';
import { dipcImplFactory, dipcMachineFactoryFor } from './refinement/dipc-impl-machine';
import { dipcSpecFactory } from './refinement/dipc-spec-machine';
import { firstDifference } from './refinement/diff';
import { implFactory, machineFactoryFor } from './refinement/impl-machine';
import type { DipcMachineFactory, MachineFactory } from './refinement/machine';
import { specFactory } from './refinement/spec-machine';
import { initialState } from './spec/state/machine';
import { initialDipcState } from './spec/transitions/dipc/boot';
import { dipcStep } from './spec/transitions/dipc/step';
import { run, step } from './spec/transitions/step';

// ---- types a user needs to write a machine and read a report ----
export type { DipcMachine, DipcMachineFactory, Machine, MachineFactory } from './refinement/machine';
export type { AplEntry, AplPerm, CapKind, CapPerm, Config, PageConfig, ThreadConfig } from './alphabet/config';
export type { DipcConfig, ProcessConfig } from './alphabet/dipc-config';
export type { Op, OpName, PrivAction } from './alphabet/ops';
export type { DipcOp, Kill, StubCall, StubReturn, Syscall, SyscallName, SyscallOp, Timeout } from './alphabet/dipc-ops';
export type { DipcError, Fault, FaultKind, Output, SkipReason } from './alphabet/output';
export type { IsolationProp, Policy, Signature } from './alphabet/policy';
export type { SpecState } from './spec/state/machine';
export type { DipcState, OsState } from './spec/state/dipc';
export type { StepOutcome } from './spec/transitions/outcome';
export type { DipcStepOutcome } from './spec/transitions/dipc/step';
export type { AnyProperty, CodomsProperty, DipcProperty, LayerId, PropertyDef, Verdict, Violation } from './properties/types';
export type { AnyScenario, Counterexample, PropertyReport } from './properties/runner';
export type { Scenario } from './gen/scenario';
export type { DipcScenario } from './gen/dipc-scenario';
export type { OpStats } from './properties/stats';

// audit: exported by audit/api.ts (see docs/library.md)
export { audit, AUDIT_DEFAULT_RUNS, AUDIT_DEFAULT_SEED } from './audit/api';
export type { AuditCell, AuditCombination, AuditOptions, AuditProgress, AuditReport } from './audit/api';
export type { RoundTripCost } from './audit/cost';
export { auditHtml, auditMarkdown } from './audit/format';

/** The seed the command line uses by default (`npm start`), so library and CLI runs agree. */
export const DEFAULT_SEED = 20170423;
/** Scenarios per property by default, as `dipc-spec check --runs`. */
export const DEFAULT_RUNS = 1000;

/** The pure spec of both layers: boot, step, and the spec wrapped as a machine factory. */
export const spec = {
  codoms: { initialState, step, run, factory: specFactory, diff: firstDifference },
  dipc: { initialState: initialDipcState, step: dipcStep, factory: dipcSpecFactory, diff: firstDipcDifference },
} as const;

/** The shipped impl of both layers: its factory, its class (to subclass) and α, and a factory maker for a subclass. */
export const impl = {
  codoms: { factory: implFactory, Machine: CodomsMachine, abstract: abstractImpl, factoryFor: machineFactoryFor },
  dipc: { factory: dipcImplFactory, Machine: DipcImplMachine, abstract: abstractDipc, factoryFor: dipcMachineFactoryFor },
} as const;

/** The op alphabet's helpers a hand-written machine needs: outputs, index resolution, printing and codecs. */
export const alphabet = {
  ok, value, fault, skip, error, sameOutput, outputToString, opToString, dipcOpToString, resolveIndex, toWord,
  codecs: { ConfigC, DipcConfigC, OpC, DipcOpC, OutputC },
} as const;

/** The machine under test, one factory per layer; a property runs on the factory of its layer. */
export interface Machines {
  readonly codoms?: MachineFactory;
  readonly dipc?: DipcMachineFactory;
}

export interface RunOptions {
  /** fast-check seed; the same seed gives the same scenarios and report. Default DEFAULT_SEED. */
  readonly seed?: number;
  /** Scenarios to generate. Default DEFAULT_RUNS. Coverage gates apply only from 200 runs. */
  readonly runs?: number;
  /** Longest generated trace; the layer's bound when absent. */
  readonly maxOps?: number;
  /** Called after each generated scenario, with how many have run. */
  readonly onProgress?: (runsDone: number) => void;
}

type AnyFactory = MachineFactory | DipcMachineFactory;
type LooseMachine = { step(op: unknown): Output; abstract(): unknown };

const threw = (e: unknown) => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

/**
 * `prop`, checked on machines that note the op they are at and refuse a non-Output: a throw
 * anywhere in the check (the machine's create/step/abstract, or a comparison choking on what
 * α returned) becomes a violation at that op. Without it runProperty would rethrow while
 * shrinking, and a user would get a stack trace instead of a counterexample.
 */
const guard = <Sc, F extends AnyFactory>(prop: PropertyDef<Sc, F>): PropertyDef<Sc, F> => ({
  ...prop,
  check: (sc: Sc, factory: F): Verdict => {
    let at = -1; // the op of the latest step on any machine of this check (-1: at boot)
    const watched = {
      id: factory.id,
      create: (cfg: unknown) => {
        const m = (factory.create as (c: unknown) => LooseMachine)(cfg);
        let n = 0;
        return {
          step: (op: unknown): Output => {
            at = n++;
            const out = m.step(op);
            if (!OutputC.is(out)) throw new TypeError(`step returned ${JSON.stringify(out)}, not an Output`);
            return out;
          },
          abstract: () => m.abstract(),
        };
      },
    } as unknown as F;
    try {
      return prop.check(sc, watched);
    } catch (e) {
      const violation: Violation = { step: at, expected: 'the machine returns (create, step and abstract never throw; step returns an Output)', observed: threw(e) };
      return { violation, ops: at + 1, outputs: [] };
    }
  },
});

const runGuarded = (prop: AnyProperty, factory: AnyFactory, o: RunOptions): PropertyReport =>
  runProperty(guard(prop as PropertyDef<AnyScenario, AnyFactory>), {
    factory,
    seed: o.seed ?? DEFAULT_SEED,
    numRuns: o.runs ?? DEFAULT_RUNS,
    ...(o.maxOps === undefined ? {} : { maxOps: o.maxOps }),
    ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
  });

/**
 * Run one property (an object from the catalogue, or its id) against the factory of its
 * layer in `machines`. Returns the report; a failing machine never throws. Throws only on
 * misuse: an unknown id, or no factory given for the property's layer.
 */
const runOne = (property: AnyProperty | string, machines: Machines, options: RunOptions = {}): PropertyReport => {
  const prop = typeof property === 'string' ? propertyById(property) : property;
  if (prop === undefined) throw new Error(`no property ${String(property)}; ids: ${PROPERTIES.map((p) => p.id).join(' ')}`);
  const factory = machines[prop.layer];
  if (factory === undefined) throw new Error(`${prop.id} is a ${prop.layer}-layer property: pass machines.${prop.layer}`);
  return runGuarded(prop, factory, options);
};

/** Every property (or those `only` selects, as `--only`) of each layer `machines` has a factory for, in catalogue order. */
const runAll = (machines: Machines, options: RunOptions & { readonly only?: readonly string[] } = {}): PropertyReport[] =>
  selectProperties(options.only ?? [])
    .filter((p) => machines[p.layer] !== undefined)
    .map((p) => runOne(p, machines, options));

const plain = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, ''); // the CLI's formatters colour for a terminal

/** A report as text: one line when it passed; the CLI's failure block (trace, step, expected, observed) when it failed. */
const describe = (r: PropertyReport): string =>
  r.result === 'pass' ? `✓ ${r.id} on ${r.machine}: ${r.runs} scenarios, ${r.ops} ops, seed ${r.seed}, ${r.timeMs} ms` : plain(failureBlock(r, null));

/** The property catalogue, and running any property against your machines. */
export const properties = {
  PROPERTIES,
  SECURITY_PROPERTIES,
  /** Guarantees with one condition dropped ('<id>~<dropped>'), each with a stored trace that breaks it. */
  FINDINGS,
  /** The argument guarantees checked whatever the policy ('<id>~unguarded'), as the audit runs them. */
  UNGUARDED,
  propertyById,
  selectProperties,
  run: runOne,
  runAll,
  describe,
  /** The CLI's summary table of several reports, as plain text. */
  summary: (reports: readonly PropertyReport[]): string => plain(summaryTable(reports)),
} as const;

/** A failing refinement check's minimised counterexample, ready to print or store. */
export interface RefinementCounterexample {
  readonly config: unknown;
  /** The minimised (1-minimal) trace: run it from `config` on the spec and on your machine. */
  readonly trace: readonly DipcOp[];
  /** The trace, one printed op per line. */
  readonly shown: readonly string[];
  /** Where it broke: the op index (-1: at boot), what the spec said and what the machine did. */
  readonly violation: Violation;
  /** fast-check's replay path, with the report's seed. */
  readonly path: string;
}

export interface RefinementResult {
  readonly result: 'pass' | 'fail';
  readonly layer: LayerId;
  readonly property: 'REF' | 'REF.dipc';
  readonly machine: string;
  readonly seed: number;
  readonly runs: number;
  readonly ops: number;
  readonly counterexample: RefinementCounterexample | null;
  /** The whole report (op outcome statistics, timing ...), as `properties.run` returns it. */
  readonly report: PropertyReport;
  /** `properties.describe(report)`: a line on a pass, the failure block on a fail. */
  readonly text: string;
}

export type RefinementOptions = RunOptions & { readonly layer?: LayerId };

/**
 * Does the machine refine the spec (REF, or REF.dipc with `layer: 'dipc'`)? Steps spec and
 * machine side by side over generated scenarios, comparing outputs and α after every op.
 * Returns the verdict as a value and never throws on a failing machine.
 */
export function checkRefinement(factory: MachineFactory, options?: RunOptions & { readonly layer?: 'codoms' }): RefinementResult;
export function checkRefinement(factory: DipcMachineFactory, options: RunOptions & { readonly layer: 'dipc' }): RefinementResult;
export function checkRefinement(factory: AnyFactory, options: RefinementOptions = {}): RefinementResult {
  const prop = options.layer === 'dipc' ? REF_DIPC : REF;
  const r = runGuarded(prop, factory, options);
  const cx = r.counterexample;
  return {
    result: r.result,
    layer: prop.layer,
    property: prop.id === 'REF' ? 'REF' : 'REF.dipc',
    machine: r.machine,
    seed: r.seed,
    runs: r.runs,
    ops: r.ops,
    counterexample:
      cx === null ? null : { config: cx.scenario.config, trace: cx.scenario.ops, shown: cx.scenario.ops.map((op) => dipcOpToString(op)), violation: cx.violation, path: cx.path },
    report: r,
    text: describe(r),
  };
}
