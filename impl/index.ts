// The efficient implementation of the CODOMs machine (DESIGN §9). It shares only the op
// alphabet with the spec; refinement/abstraction.ts is the one bridge between them.
export { CodomsMachine } from './machine';
export { AplCache, AplCacheSet, APL_CACHE_ENTRIES, HW_TAG_BITS } from './apl-cache';
export { AplTable } from './apl-table';
export { CapTable, KIND_ASYNC, KIND_SYNC, NONE } from './cap-table';
export { Memory } from './memory';
export { PageTable } from './page-table';
export { ThreadFile } from './thread-file';
export { isWellFormedOp } from './op-shape';
