// Every property of the suite, in the order reports list them (DESIGN §6).
import { C1 } from './codoms/c1-access';
import { C2 } from './codoms/c2-alignment';
import { C3 } from './codoms/c3-privilege';
import { C4 } from './codoms/c4-monotonicity';
import { C5 } from './codoms/c5-revocation';
import { C6 } from './codoms/c6-storage';
import { DET } from './model/det';
import { REF } from './model/ref';
import { TOTAL } from './model/total';
import type { PropertyDef } from './types';

export const PROPERTIES: readonly PropertyDef[] = [C1, C2, C3, C4, C5, C6, REF, TOTAL, DET];

export const propertyById = (id: string): PropertyDef | undefined => PROPERTIES.find((p) => p.id === id);
