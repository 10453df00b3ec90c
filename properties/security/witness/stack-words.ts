// Regions of memory words a property speaks about as stacks: the region a thread's c7 (its
// stack capability) covers, read from the capability itself (hardware state the thread can
// use), never from the kernel's stack map.
import { STACK_CAP } from '../../../alphabet/config';
import type { DipcState } from '../../../spec/state/dipc';

/** A region of memory words, [first, first + words). */
export interface StackWords {
  readonly first: number;
  readonly words: number;
}

/** The region thread t's c7 (its stack capability) covers in a state, if it names a capability. */
export const stackCapRegion = (s: DipcState, t: number): StackWords | null => {
  const id = s.hw.threads[t]?.capRegs[STACK_CAP];
  const cap = id === null || id === undefined ? undefined : s.hw.caps[id];
  return cap === undefined ? null : { first: cap.base, words: cap.length };
};

export const holdsWord = (r: StackWords, a: number): boolean => a >= r.first && a < r.first + r.words;

/** r lies within o. */
export const withinWords = (r: StackWords, o: StackWords): boolean => r.first >= o.first && r.first + r.words <= o.first + o.words;

/** r and o share a word. */
export const overlapsWords = (r: StackWords, o: StackWords): boolean => r.first < o.first + o.words && o.first < r.first + r.words;
