// The shape of a dIPC system call: a ladder of preconditions, each failing with a typed
// error that leaves the state untouched, then the effect and the value returned in r0.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcError } from '../../../alphabet/output';
import type { DipcState, OsState } from '../../state/dipc';
import type { Handle } from '../../state/handles';
import type { Process } from '../../state/processes';
import type { SpecState } from '../../state/machine';
import type { Page } from '../../state/pages';

export type SysResult = E.Either<DipcError, { readonly state: DipcState; readonly value: number }>;

export const done = (state: DipcState, value: number): SysResult => E.right({ state, value });
export const refuse = (e: DipcError): SysResult => E.left(e);

export const withOs = (s: DipcState, os: Partial<OsState>): DipcState => ({ ...s, os: { ...s.os, ...os } });
export const withHw = (s: DipcState, hw: SpecState): DipcState => ({ ...s, hw });

export const replaceProcess = (s: DipcState, pid: number, p: Process): DipcState =>
  withOs(s, { processes: s.os.processes.map((old, i) => (i === pid ? p : old)) });

/** Append a handle to a process's table; its index is the handle number. */
export const addHandle = (s: DipcState, pid: number, h: Handle): { state: DipcState; index: number } => {
  const p = s.os.processes[pid];
  return { state: replaceProcess(s, pid, { ...p, handles: [...p.handles, h] }), index: p.handles.length };
};

/** Map `n` pages from `first` with the given attributes. */
export const mapPages = (hw: SpecState, first: number, n: number, page: Page): SpecState => ({
  ...hw,
  pages: hw.pages.map((old, i) => (i >= first && i < first + n ? page : old)),
});

export const UNMAPPED: Page = { mapped: false, tag: 0, read: false, write: false, exec: false, priv: false, capStore: false };
