// Resolving a handle number in the caller's table (modulo its size, like every op index)
// to a handle of the kind a call needs.
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import type { Handle, HandleBody } from '../../state/handles';

export type DomHandle = Extract<HandleBody, { k: 'dom' }> & Handle;
export type GrantHandle = Extract<HandleBody, { k: 'grant' }> & Handle;
export type EntryHandle = Extract<HandleBody, { k: 'entry' }> & Handle;

export const handleAt = (s: DipcState, pid: number, h: number): Handle | null => {
  const table = s.os.processes[pid].handles;
  const i = resolveIndex(h, table.length);
  return i < 0 ? null : table[i];
};

/** A domain disappears with the process that created it (kill): handles to it are stale. */
export const domainAlive = (s: DipcState, tag: number): boolean => {
  const creator = s.os.domains.get(tag)?.creator;
  return creator === null || creator === undefined || s.os.processes[creator].alive;
};

/** A domain handle whose domain still exists, or null. */
export const domHandle = (s: DipcState, pid: number, h: number): DomHandle | null => {
  const x = handleAt(s, pid, h);
  return x !== null && x.k === 'dom' && domainAlive(s, x.tag) ? (x as DomHandle) : null;
};

export const grantHandle = (s: DipcState, pid: number, h: number): GrantHandle | null => {
  const x = handleAt(s, pid, h);
  return x !== null && x.k === 'grant' ? (x as GrantHandle) : null;
};

export const entryHandle = (s: DipcState, pid: number, h: number): EntryHandle | null => {
  const x = handleAt(s, pid, h);
  return x !== null && x.k === 'entry' ? (x as EntryHandle) : null;
};
