// The machine runs the properties' sessions read while one state is expanded
// (properties/session.ts, docs/explore.md "Checking incrementally"), kept as a trie: each
// node is a machine in the state a path of ops from boot reaches, with its abstract state,
// and each step from it is made once, on a copy (explore/machine.ts fork: the impl's object
// graph deep-copied, other machines replayed), then shared by every session that asks for
// the same op from there. So checking 19 properties on 100 transitions steps the machine
// under test about once per transition and per run (the main run, DET's second instance,
// the relational properties' secret variants), where replaying `check` booted and stepped
// the whole trace about thirty times per transition.
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { DipcMachineFactory } from '../refinement/machine';
import { DIPC_LAYER } from '../refinement/layer';
import type { DipcState } from '../spec/state/dipc';
import type { Booted, Cursor, Runs, SpecCursor, SpecStepped, Stepped } from '../properties/session';
import { bootMachine, type ExploreMachine } from './machine';

/** A machine at one point of a run. Its machine is never stepped: each step forks it. */
class MachineNode implements Cursor<DipcState> {
  private readonly children = new Map<unknown, Stepped<DipcState>>();
  private abstracted: DipcState | undefined;

  constructor(private readonly m: ExploreMachine) {}

  /** α of this point, made when first asked (TOTAL.dipc reads only outputs). */
  get state(): DipcState {
    if (this.abstracted === undefined) this.abstracted = this.m.abstract();
    return this.abstracted;
  }

  step(op: DipcOp, key: unknown = op): Stepped<DipcState> {
    const known = this.children.get(key);
    if (known !== undefined) return known;
    const m = this.m.fork();
    let r: Stepped<DipcState>;
    try {
      r = { threw: false, output: m.step(op), next: new MachineNode(m) };
    } catch (error) {
      r = { threw: true, error };
    }
    this.children.set(key, r);
    return r;
  }
}

/** The spec at one point of a run: its state is immutable, so a step is only the spec's function. */
class SpecNode implements SpecCursor {
  private readonly children = new Map<DipcOp, SpecStepped>();

  constructor(readonly state: DipcState) {}

  step(op: DipcOp): SpecStepped {
    const known = this.children.get(op);
    if (known !== undefined) return known;
    let r: SpecStepped;
    try {
      const s = DIPC_LAYER.step(this.state, op);
      r = { threw: false, output: s.output, next: new SpecNode(s.state) };
    } catch (error) {
      r = { threw: true, error };
    }
    this.children.set(op, r);
    return r;
  }
}

/**
 * The runs of one expansion, booted when first asked. Runs are named by instance and config:
 * the same name and config is the same run (every session shares it); another instance is an
 * independent machine (DET.dipc's second run); a secret variant's config is another run.
 * Steps are keyed by op object: the search hands every session the same op objects.
 */
export class TrieRuns implements Runs {
  private readonly machines = new Map<string, Booted<Cursor<DipcState>>>();
  private readonly specs = new Map<string, Booted<SpecCursor>>();

  constructor(
    readonly config: DipcConfig,
    private readonly factory: DipcMachineFactory,
  ) {}

  private keyOf(cfg: DipcConfig): string {
    return cfg === this.config ? '' : JSON.stringify(cfg);
  }

  machine(cfg: DipcConfig, instance = 'main'): Booted<Cursor<DipcState>> {
    const key = `${instance}|${this.keyOf(cfg)}`;
    let b = this.machines.get(key);
    if (b === undefined) {
      try {
        b = { threw: false, cursor: new MachineNode(bootMachine(this.factory, cfg)) };
      } catch (error) {
        b = { threw: true, error };
      }
      this.machines.set(key, b);
    }
    return b;
  }

  spec(cfg: DipcConfig): Booted<SpecCursor> {
    const key = this.keyOf(cfg);
    let b = this.specs.get(key);
    if (b === undefined) {
      try {
        b = { threw: false, cursor: new SpecNode(DIPC_LAYER.boot(cfg)) };
      } catch (error) {
        b = { threw: true, error };
      }
      this.specs.set(key, b);
    }
    return b;
  }
}
