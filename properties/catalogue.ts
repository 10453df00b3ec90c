// Every property of the suite, in the order reports list them (DESIGN §6).
import { C1 } from './codoms/c1-access';
import { C2 } from './codoms/c2-alignment';
import { C3 } from './codoms/c3-privilege';
import { C4 } from './codoms/c4-monotonicity';
import { C5 } from './codoms/c5-revocation';
import { C6 } from './codoms/c6-storage';
import { DET_DIPC } from './dipc/det';
import { REF_DIPC } from './dipc/ref';
import { TMO } from './dipc/tmo';
import { TOTAL_DIPC } from './dipc/total';
import { UNW } from './dipc/unw';
import { DET } from './model/det';
import { REF } from './model/ref';
import { TOTAL } from './model/total';
import type { AnyProperty } from './types';

export const PROPERTIES: readonly AnyProperty[] = [C1, C2, C3, C4, C5, C6, REF, TOTAL, DET, REF_DIPC, TOTAL_DIPC, DET_DIPC, UNW, TMO];

export const propertyById = (id: string): AnyProperty | undefined => PROPERTIES.find((p) => p.id === id);

/** `--only REF` selects REF and REF.dipc; `--only REF.dipc` only the latter. */
export const selectProperties = (only: readonly string[]): AnyProperty[] =>
  only.length === 0 ? [...PROPERTIES] : PROPERTIES.filter((p) => only.includes(p.id) || only.includes(p.id.split('.')[0]));
