// Resolution of address selectors against the current state (see alphabet/address.ts).
import { match } from 'ts-pattern';
import type { AddrSel } from '../../alphabet/address';
import { SP } from '../../alphabet/config';
import { resolveIndex } from '../../alphabet/resolve';
import type { SpecState } from '../state/machine';
import { pagesOfDomain } from '../state/pages';
import type { ThreadState } from '../state/threads';

const capBounds = (s: SpecState, th: ThreadState, c: number): { base: number; end: number } => {
  const id = th.capRegs[resolveIndex(c, th.capRegs.length)];
  if (id === null || id === undefined || id < 0 || id >= s.caps.length) return { base: 0, end: 0 };
  const n = s.caps[id];
  return { base: n.base, end: n.base + n.length };
};

/** The i-th entry-aligned address of domain d's pages (falling back to page d when it has none). */
const entryAddress = (s: SpecState, d: number, i: number): number => {
  const dom = resolveIndex(d, s.numDomains);
  const owned = pagesOfDomain({ wordsPerPage: s.wordsPerPage, pages: s.pages }, dom);
  const candidates = owned.length > 0 ? owned : [resolveIndex(d, s.pages.length)];
  const perPage = Math.ceil(s.wordsPerPage / s.entryAlign);
  const k = resolveIndex(i, candidates.length * perPage);
  return candidates[Math.floor(k / perPage)] * s.wordsPerPage + (k % perPage) * s.entryAlign;
};

/** Word o of the i-th mapped capability-storage page (page i when there is none). */
const capPageAddress = (s: SpecState, i: number, o: number): number => {
  const slots = s.pages.flatMap((pg, p) => (pg.mapped && pg.capStore ? [p] : []));
  const p = slots.length > 0 ? slots[resolveIndex(i, slots.length)] : resolveIndex(i, s.pages.length);
  return p * s.wordsPerPage + o;
};

/** The i-th entry-aligned address of the page holding ip, plus o. */
const codeAddress = (s: SpecState, th: ThreadState, i: number, o: number): number => {
  const perPage = Math.ceil(s.wordsPerPage / s.entryAlign);
  return Math.floor(th.ip / s.wordsPerPage) * s.wordsPerPage + resolveIndex(i, perPage) * s.entryAlign + o;
};

export const resolveAddress = (s: SpecState, th: ThreadState, a: AddrSel): number =>
  match(a)
    .with({ k: 'abs' }, (x) => x.a)
    .with({ k: 'page' }, (x) => resolveIndex(x.p, s.pages.length) * s.wordsPerPage + x.o)
    .with({ k: 'entry' }, (x) => entryAddress(s, x.d, x.i) + x.o)
    .with({ k: 'capBase' }, (x) => capBounds(s, th, x.c).base + x.o)
    .with({ k: 'capEnd' }, (x) => capBounds(s, th, x.c).end + x.o)
    .with({ k: 'reg' }, (x) => th.regs[resolveIndex(x.r, th.regs.length)] + x.o)
    .with({ k: 'stack' }, (x) => th.regs[SP] + x.o)
    .with({ k: 'capPage' }, (x) => capPageAddress(s, x.i, x.o))
    .with({ k: 'code' }, (x) => codeAddress(s, th, x.i, x.o))
    .exhaustive();
