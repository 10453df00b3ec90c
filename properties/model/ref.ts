// REF: the impl refines the spec on every op (equal outputs, α(impl) = spec state).
import { checkRefinementIn } from '../../refinement/checker';
import { CODOMS_LAYER } from '../../refinement/layer';
import type { CodomsProperty } from '../types';

export const REF: CodomsProperty = {
  id: 'REF',
  layer: 'codoms',
  title: 'refinement: equal outputs and α(impl) = spec after every op',
  check: (sc, f) => checkRefinementIn(CODOMS_LAYER, sc, f, { stride: 1 }),
};
