// grant_create(src, dst) (Table 2, §5.2.2) writes dst into src's APL: src's code may then
// reach dst. This design writes the entry the other way round: the domain named as dst gets
// access to the granter's src domain, which the granter never asked for.
import { aplKey } from '../../spec/state/apl';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { syscallOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-grant-create-reversed',
  description: 'grant_create writes the APL entry from dst to src instead of from src to dst',
  cites: 'Table 2 grant_create "set permission for dst in src\'s APL"; §5.2.2',
  targets: ['P1'],
  factory: designFactory('design-grant-create-reversed', (s, op, spec) => {
    const r = spec(s, op);
    if (syscallOf(op, 'grant_create') === null || r.output.out !== 'value' || r.state.os.grants.length === s.os.grants.length) return r;
    const g = r.state.os.grants[r.state.os.grants.length - 1];
    const n = s.hw.numDomains;
    const apl = new Map(r.state.hw.apl);
    const before = s.hw.apl.get(aplKey(n, g.src, g.dst));
    if (before === undefined) apl.delete(aplKey(n, g.src, g.dst));
    else apl.set(aplKey(n, g.src, g.dst), before);
    apl.set(aplKey(n, g.dst, g.src), g.perm);
    return { ...r, state: { ...r.state, hw: { ...r.state.hw, apl } } };
  }),
};
