// Every mutant, in the order reports list them.
import { mutant as aplCacheStaleRemote } from './apl-cache-stale-remote';
import { mutant as callIgnoresAlignment } from './call-ignores-alignment';
import { mutant as capBoundOffByOne } from './cap-bound-off-by-one';
import { mutant as derivePermGrows } from './derive-perm-grows';
import { mutant as globalCapCounter } from './global-cap-counter';
import { mutant as privBitUnchecked } from './priv-bit-unchecked';
import { mutant as retKeepsSp } from './ret-keeps-sp';
import { mutant as revokeMissesGrandchildren } from './revoke-misses-grandchildren';
import { mutant as storeIntoCapStorage } from './store-into-cap-storage';
import { mutant as syncCapStorable } from './sync-cap-storable';
import { mutant as throwsOnEmptyDcsPop } from './throws-on-empty-dcs-pop';
import type { Mutant } from './types';

export type { Mutant } from './types';

export const ALL_MUTANTS: readonly Mutant[] = [
  aplCacheStaleRemote,
  capBoundOffByOne,
  derivePermGrows,
  revokeMissesGrandchildren,
  callIgnoresAlignment,
  privBitUnchecked,
  storeIntoCapStorage,
  syncCapStorable,
  throwsOnEmptyDcsPop,
  globalCapCounter,
  retKeepsSp,
];

export const mutantById = (id: string): Mutant | undefined => ALL_MUTANTS.find((m) => m.id === id);
