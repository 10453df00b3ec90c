// Generated machine configurations: few domains (so APL edges collide often), a few dozen
// pages with random bits, random APLs, 1-3 threads on 1-2 CPUs starting on executable pages
// with stacks on writable pages of their own domain when there is one.
import fc from 'fast-check';
import { APL_PERMS, type Config, DEFAULTS, type PageConfig } from '../alphabet/config';
import type { ScenarioBounds } from './bounds';

const pageArb = (numDomains: number): fc.Arbitrary<PageConfig> =>
  fc.record({
    mapped: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    // Low tags are more likely, so threads share domains with the pages they touch.
    tag: fc.oneof(fc.integer({ min: 0, max: Math.min(1, numDomains - 1) }), fc.integer({ min: 0, max: numDomains - 1 })),
    read: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    write: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    exec: fc.boolean(),
    priv: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    capStore: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });

const pick = <T>(xs: readonly T[], i: number, fallback: T): T => (xs.length === 0 ? fallback : xs[i % xs.length]);

export const configArb = (b: ScenarioBounds): fc.Arbitrary<Config> =>
  fc
    .record({
      numDomains: fc.oneof(fc.integer({ min: b.minDomains, max: 3 }), fc.integer({ min: b.minDomains, max: b.maxDomains })),
      numCpus: fc.integer({ min: 1, max: b.maxCpus }),
      numPages: fc.integer({ min: b.minPages, max: b.maxPages }),
      // A small DCS is often full, so push overflows are reached too.
      dcsSize: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ numDomains, numCpus, numPages, dcsSize }) =>
      fc
        .record({
          pages: fc.array(pageArb(numDomains), { minLength: numPages, maxLength: numPages }),
          apl: fc.array(
            fc.record({
              src: fc.integer({ min: 0, max: numDomains - 1 }),
              dst: fc.integer({ min: 0, max: numDomains - 1 }),
              perm: fc.constantFrom(...APL_PERMS),
            }),
            { maxLength: numDomains * 2 },
          ),
          threads: fc.array(
            fc.record({ code: fc.nat(), priv: fc.boolean(), stack: fc.nat(), off: fc.nat(), cpu: fc.integer({ min: 0, max: numCpus - 1 }) }),
            { minLength: 1, maxLength: b.maxThreads },
          ),
        })
        .map(({ pages, apl, threads }) => {
          const W = DEFAULTS.wordsPerPage;
          const code = pages.flatMap((p, i) => (p.mapped && p.exec ? [i] : []));
          // Half the threads start on privileged code when there is some, so APL changes race.
          const privCode = code.filter((i) => pages[i].priv);
          return {
            wordsPerPage: W,
            entryAlign: DEFAULTS.entryAlign,
            numDomains,
            numCpus,
            dcsSize,
            pages,
            apl,
            threads: threads.map((t) => {
              const cp = t.priv && privCode.length > 0 ? pick(privCode, t.code, 0) : pick(code, t.code, 0);
              const tag = pages[cp].tag;
              const stacks = pages.flatMap((p, i) => (p.mapped && p.write && !p.capStore && p.tag === tag ? [i] : []));
              const sp = pick(stacks, t.stack, cp);
              return { ip: cp * W + (t.off % W), sp: sp * W + W / 2, cpu: t.cpu };
            }),
          };
        }),
    );
