// REF for the dIPC layer: the machine refines the dIPC spec on every op.
import { checkDipcRefinement } from '../../refinement/dipc-checker';
import type { DipcProperty } from '../types';

export const REF_DIPC: DipcProperty = {
  id: 'REF.dipc',
  layer: 'dipc',
  title: 'refinement (dIPC): equal outputs and α(impl) = spec after every op',
  check: (sc, f) => checkDipcRefinement(sc, f, 1),
};
