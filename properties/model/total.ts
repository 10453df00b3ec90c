// TOTAL: neither the spec nor the machine throws on any op in any state, including ops with
// absurd indices and values and objects that are not ops at all.
import { CODOMS_LAYER } from '../../refinement/layer';
import type { CodomsProperty } from '../types';
import { checkTotal } from './hygiene';

export const TOTAL: CodomsProperty = {
  id: 'TOTAL',
  layer: 'codoms',
  title: 'totality: spec and machine never throw, whatever the op',
  wild: true,
  check: (sc, f) => checkTotal(CODOMS_LAYER, sc, f),
};
