// The global virtual address space (§6.1.3): blocks handed to processes, pages sub-allocated
// from a process's block with a cursor, and the kernel block (block 0) for proxy pages.
// Exhaustion is an error, never a crash.
import type { DipcState } from '../../state/dipc';
import { freeTag } from '../../state/domains';
import { replaceProcess, withOs } from './result';

/** The first free block (block 0 is the kernel's), or null. */
export const freeBlock = (s: DipcState): number | null => {
  const b = s.os.blockOwners.findIndex((o, i) => i > 0 && o === null);
  return b < 0 ? null : b;
};

export const firstPageOfBlock = (s: DipcState, block: number): number => block * s.os.blockPages;

/** Take `n` pages from the process's block: the index of the first, or null when they do not fit. */
export const takePages = (s: DipcState, pid: number, n: number): { state: DipcState; first: number } | null => {
  const p = s.os.processes[pid];
  if (p.block === null || p.nextPage + n > s.os.blockPages) return null;
  return {
    state: replaceProcess(s, pid, { ...p, nextPage: p.nextPage + n }),
    first: firstPageOfBlock(s, p.block) + p.nextPage,
  };
};

/** Take `n` pages of the kernel block, or null. */
export const takeKernelPages = (s: DipcState, n: number): { state: DipcState; first: number } | null => {
  if (s.os.kernelNextPage + n > s.os.blockPages) return null;
  return { state: withOs(s, { kernelNextPage: s.os.kernelNextPage + n }), first: s.os.kernelNextPage };
};

export const nextFreeTag = (s: DipcState): number | null => freeTag(s.os.domains, s.hw.numDomains);
