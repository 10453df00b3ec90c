// TOTAL for the dIPC layer: neither the dIPC spec nor the machine throws, whatever the op.
import { DIPC_LAYER } from '../../refinement/layer';
import { checkTotal } from '../model/hygiene';
import type { DipcProperty } from '../types';

export const TOTAL_DIPC: DipcProperty = {
  id: 'TOTAL.dipc',
  layer: 'dipc',
  title: 'totality (dIPC): spec and machine never throw, whatever the op',
  wild: true,
  check: (sc, f) => checkTotal(DIPC_LAYER, sc, f),
};
