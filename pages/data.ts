// The data the pages carry and their browser code reads (pages/client/*.js type-checks
// against these): the step viewer's traces and the audit page's rows. Types only, so the
// browser code's check pulls in nothing of Node.

/** A property's failure at one op (properties/types.ts Violation). */
export interface Violation {
  readonly step: number;
  readonly expected: string;
  readonly observed: string;
}

/** A capability node: immutable once made, except that it becomes revoked (itself or through an ancestor). */
export interface CapView {
  readonly id: number;
  readonly parent: number | null;
  readonly base: number;
  readonly length: number;
  readonly perm: string;
  readonly kind: string;
  readonly owner: number | null;
  /** The step after which it exists (-1: at boot). */
  readonly made: number;
  /** The first step after which it is revoked (itself or an ancestor), null when never. */
  readonly revoked: number | null;
}

export interface KcsFrameView {
  readonly proxy: number;
  readonly caller: number;
  readonly callee: number;
  readonly returnAddress: number;
  readonly savedSp: number;
  readonly savedDcsBase: number;
  readonly savedDcs: number | null;
  readonly stackSwitched: boolean;
  readonly returnCap: number;
  readonly split: boolean;
}

export interface ThreadView {
  readonly t: number;
  readonly ip: number;
  /** r0..r7, then sp. */
  readonly regs: readonly number[];
  readonly capRegs: readonly (number | null)[];
  /** DCS slots 0..top-1 (capability ids), and the base register. */
  readonly dcs: readonly (number | null)[];
  readonly dcsBase: number;
  readonly faults: number;
  /** dIPC only: the process it runs in now, its home, whether it ended, its KCS (oldest frame first). */
  readonly process?: number;
  readonly home?: number;
  readonly ended?: boolean;
  readonly kcs?: readonly KcsFrameView[];
}

export interface ProcessView {
  readonly p: number;
  readonly alive: boolean;
  readonly honest: boolean;
}

/** A memory word or capability slot that changed: address, where it lies, value before and after ('capN' for a capability slot, '' for empty). */
export interface WordChange {
  readonly addr: number;
  readonly where: string;
  readonly before: number | string;
  readonly after: number | string;
}

export interface StepView {
  readonly op: string;
  readonly output: string;
  /** What changed, in a few words (as `replay` prints it). */
  readonly change: string;
  readonly threads: readonly ThreadView[];
  readonly processes?: readonly ProcessView[];
  readonly words: readonly WordChange[];
}

export interface StepTrace {
  readonly id: string;
  readonly title: string;
  readonly layer: 'codoms' | 'dipc';
  readonly machine: string;
  readonly notes: readonly string[];
  /** The op at which a property broke, with what it expected and observed (null: nothing failed). */
  readonly failing: Violation | null;
  /** Ops in the trace (steps may be fewer: MAX_STEPS, or the machine threw). */
  readonly length: number;
  readonly boot: { readonly threads: readonly ThreadView[]; readonly processes?: readonly ProcessView[]; readonly words: readonly WordChange[] };
  readonly steps: readonly StepView[];
  readonly caps: readonly CapView[];
  /** Set when the machine threw or is unknown: the steps stop there. */
  readonly error?: string;
}

/** What an exhaustive search reports on a cell (audit --exhaustive K): depth, states and transitions explored, and whether it covered every state to that depth. */
export interface ExhaustiveRecord {
  readonly depth: number;
  readonly states: number;
  readonly transitions: number;
  readonly complete: boolean;
}

export type CellState = 'held' | 'exhaustive' | 'broken';

export interface PageCellData {
  readonly s: CellState;
  readonly runs: number;
  readonly calls: number;
  /** The witness's trace id in the step viewer (broken cells). */
  readonly trace?: string;
  readonly ops?: number;
  readonly expected?: string;
  readonly observed?: string;
  readonly step?: number;
  readonly note?: string;
  readonly exhaustive?: ExhaustiveRecord;
  readonly file?: string;
}

export interface PageCombination {
  readonly index: number;
  readonly name: string;
  readonly paper: string | null;
  readonly caller: readonly string[];
  readonly callee: readonly string[];
  readonly effective: readonly string[];
  readonly pairs: number;
  readonly cost: Readonly<Record<string, number>>;
  readonly cells: readonly PageCellData[];
}

export interface AuditPageData {
  readonly meta: {
    readonly seed: number;
    readonly runs: number;
    readonly maxOps: number;
    readonly machine: string;
    readonly combinations: number;
    readonly pairs: number;
    readonly cells: number;
    readonly broken: number;
    readonly exhaustive: number;
  };
  readonly codes: Readonly<Record<string, string>>;
  readonly guarantees: readonly { readonly id: string; readonly side: string; readonly title: string; readonly needs: string }[];
  readonly costFields: readonly { readonly key: string; readonly head: string }[];
  readonly combinations: readonly PageCombination[];
  readonly traces: readonly StepTrace[];
}

