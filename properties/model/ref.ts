// REF: the impl refines the spec on every op (equal outputs, α(impl) = spec state).
import { checkRefinement } from '../../refinement/checker';
import type { CodomsProperty } from '../types';

export const REF: CodomsProperty = {
  id: 'REF',
  layer: 'codoms',
  title: 'refinement: equal outputs and α(impl) = spec after every op',
  check: (sc, f) => checkRefinement(sc, f, { stride: 1 }),
};
