// DET for the dIPC layer: the same trace on two fresh machines gives the same outputs and states.
import { DIPC_LAYER } from '../../refinement/layer';
import { checkDeterminism } from '../model/hygiene';
import type { DipcProperty } from '../types';

export const DET_DIPC: DipcProperty = {
  id: 'DET.dipc',
  layer: 'dipc',
  title: 'determinism (dIPC): the same trace replays identically',
  check: (sc, f) => checkDeterminism(DIPC_LAYER, sc, f),
};
