// The interface every implementation of the CODOMs machine satisfies, so that the
// refinement checker and every property suite run against it. The shipped impl is one
// Machine; each mutant is another; a user's own design can be a third (docs/library.md).
//
// The contract, for both layers (each clause is what some check relies on):
//
// - Totality (TOTAL): `create` accepts every config the layer's codec decodes (ConfigC,
//   DipcConfigC), and `step` returns an Output for every input, whatever the state:
//   absurd or negative indices, ops on ended threads, and values that are not ops at all
//   (the spec answers those with `skip('malformed')`). Neither may throw; a throw is a
//   failure of the machine, reported as a violation at that step.
// - Refinement (REF): after boot and after every op, `abstract()` returns the spec state
//   (SpecState / DipcState) the machine's own state stands for — the abstraction function
//   α — and each `step` returns the Output the spec's step returns from that state.
//   α may be any function of the machine's state, but it is compared with the spec state
//   field by field, so it must produce the spec's canonical form (e.g. only non-zero
//   memory words in `memory`; see spec/state/).
// - Snapshots: `abstract()` returns a value the machine never mutates afterwards, and
//   calling it changes nothing the machine does next. Properties keep the state before and
//   after each op side by side and may call `abstract()` at any point (every op, or every
//   `stride` ops), so a live view of mutable arrays would make pre and post alias.
//   Snapshots may share parts, or be the same object, when nothing changed in between (the
//   impl's α does: refinement/abstraction.ts); the diffs rely on that immutability to treat
//   a part that is the same object, or was already found equal, as equal (refinement/diff.ts).
// - Determinism (DET): a machine is a function of its config and the ops it has stepped:
//   two machines created from the same config and given the same ops return the same
//   outputs and the same α. No clocks, randomness, or state shared between instances —
//   `create` may be called many times, and the relational properties run two machines of
//   one factory side by side.
// - Identity: `id` names the machine in reports and counterexample files ('impl', 'spec',
//   a mutant's id, or your own).
import type { Config } from '../alphabet/config';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { SpecState } from '../spec/state/machine';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { DipcState } from '../spec/state/dipc';

/** A CODOMs machine (§4): pages, APLs, capabilities, threads and the DCS. */
export interface Machine {
  /** Execute one op, mutating the machine, and return its output (equal to the spec's). Must never throw, on any input. */
  step(op: Op): Output;
  /** The abstraction function α: the spec state this machine's state stands for, as a snapshot the machine will not mutate. */
  abstract(): SpecState;
}

/** Boots fresh, independent machines: the unit the checker and every property take. */
export interface MachineFactory {
  /** The machine's name in reports and counterexample files. */
  readonly id: string;
  /** A new machine at boot for `cfg`: α of it must be the spec's `initialState(cfg)`. Must not throw on any decodable config. */
  create(cfg: Config): Machine;
}

/** The dIPC layer's machine (§5–§6): the same contract over dIPC configs, ops and states. */
export interface DipcMachine {
  /** Execute one op (a CODOMs instruction, a Table 2 system call, a stub macro, a kill or a time-out). Must never throw. */
  step(op: DipcOp): Output;
  /** α: the dIPC spec state (hardware, OS and ghost ledger) this machine's state stands for, as a snapshot. */
  abstract(): DipcState;
}

/** Boots fresh, independent dIPC systems. */
export interface DipcMachineFactory {
  /** The machine's name in reports and counterexample files. */
  readonly id: string;
  /** A new system at boot for `cfg`: α of it must be the spec's `initialDipcState(cfg)`. Must not throw on any decodable config. */
  create(cfg: DipcConfig): DipcMachine;
}
