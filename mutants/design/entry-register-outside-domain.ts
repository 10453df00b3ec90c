// entry_register(h, entries) (Table 2, §5.2.3) accepts only addresses of code in h's domain.
// This design does not check where the addresses are: an entry of the registrant's domain
// may point into anyone's code (or data), and callers reach it through a trusted proxy.
import type { DipcState } from '../../spec/state/dipc';
import { pageIndexOf } from '../../spec/state/pages';
import { resolveAddress } from '../../spec/transitions/addresses';
import { domHandle } from '../../spec/transitions/dipc/handle-lookup';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-entry-register-outside-domain',
  description: "entry_register does not check that the entry addresses are code of the registered domain",
  cites: 'Table 2 entry_register; §5.2.3 "entry points of a domain"',
  targets: ['P1', 'P2'],
  factory: designFactory('design-entry-register-outside-domain', (s, op, spec) => {
    const c = syscallOf(op, 'entry_register');
    const t = threadOf(s, op);
    const pid = currentOf(s, t);
    if (c === null || pid < 0) return spec(s, op);
    const d = domHandle(s, pid, c.h);
    if (d === null) return spec(s, op);
    const table = { wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages };
    const pages = c.entries.map((e) => pageIndexOf(table, resolveAddress(s.hw, s.hw.threads[t], e.a)));
    // The check sees every named page as code of h's domain; the pages themselves are untouched.
    const fool = (x: DipcState): DipcState | null =>
      pages.some((p) => p === null) ? null : { ...x, hw: { ...x.hw, pages: x.hw.pages.map((pg, i) => (pages.includes(i) ? { ...pg, exec: true, tag: d.tag } : pg)) } };
    return withCheckFooled(s, op, spec, fool, (before, after) => ({ ...after, hw: { ...after.hw, pages: before.hw.pages } }));
  }),
};
