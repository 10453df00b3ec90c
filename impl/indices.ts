// Index resolution on the hot path. Ops name registers, threads and domains by indices
// resolved modulo what exists (alphabet/resolve.ts); almost every index is already in
// range, so the common case is one comparison and the alphabet's function handles the rest.
import { resolveIndex } from '../alphabet/resolve';

/**
 * resolveIndex(n, count) for op fields, which the op codec has already checked to be safe
 * integers: an in-range fast path (keeping -0 as -0, like resolveIndex), else the alphabet.
 */
export const idx = (n: number, count: number): number => (n >= 0 && n < count ? n : resolveIndex(n, count));

/** Permission ranks as stored in APL rows and capabilities (alphabet/config.ts permRank). */
export const RANK_NONE = 0;
export const RANK_CALL = 1;
export const RANK_READ = 2;
export const RANK_WRITE = 3;
