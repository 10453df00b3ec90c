// DET: a trace replays identically: two fresh machines given the same config and ops return
// the same outputs and end in the same abstract state.
import { CODOMS_LAYER } from '../../refinement/layer';
import type { CodomsProperty } from '../types';
import { checkDeterminism } from './hygiene';

export const DET: CodomsProperty = {
  id: 'DET',
  layer: 'codoms',
  title: 'determinism: the same trace replays identically',
  check: (sc, f) => checkDeterminism(CODOMS_LAYER, sc, f),
};
