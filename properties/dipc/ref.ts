// REF for the dIPC layer: the machine refines the dIPC spec on every op.
import { checkRefinementIn } from '../../refinement/checker';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcProperty } from '../types';

export const REF_DIPC: DipcProperty = {
  id: 'REF.dipc',
  layer: 'dipc',
  title: 'refinement (dIPC): equal outputs and α(impl) = spec after every op',
  check: (sc, f) => checkRefinementIn(DIPC_LAYER, sc, f, { stride: 1 }),
};
