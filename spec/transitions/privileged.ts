// Privileged actions (§4.1 "privileged capability bit"): only code on a page with the
// privileged bit may change APLs or move the DCS base.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { match } from 'ts-pattern';
import type { PrivAction } from '../../alphabet/ops';
import { ok } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { aplKey } from '../state/apl';
import type { SpecState } from '../state/machine';
import { pageOf } from '../state/pages';
import { currentDomain } from './access';
import type { StepOutcome } from './outcome';
import { type Check, replaceThread, require } from './result';

const perform = (s: SpecState, t: number, act: PrivAction): SpecState =>
  match(act)
    .with({ k: 'apl_set' }, ({ src, dst, perm }) => {
      const key = aplKey(s.numDomains, resolveIndex(src, s.numDomains), resolveIndex(dst, s.numDomains));
      const apl = new Map(s.apl);
      if (perm === 'none') apl.delete(key);
      else apl.set(key, perm);
      return { ...s, apl };
    })
    .with({ k: 'dcs_base' }, ({ v }) => {
      const th = s.threads[t];
      return replaceThread(s, t, { ...th, dcsBase: resolveIndex(v, th.dcs.length + 1) });
    })
    .with({ k: 'nop' }, () => s)
    .exhaustive();

/**
 * priv:
 *  fetch          ip must be runnable
 *  notPrivileged  ip's page lacks the privileged bit
 */
export const privileged = (s: SpecState, t: number, act: PrivAction): Check<StepOutcome> => {
  const th = s.threads[t];
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() =>
      require(pageOf({ wordsPerPage: s.wordsPerPage, pages: s.pages }, th.ip)?.priv === true, 'notPrivileged', th.ip),
    ),
    E.map(() => ({ state: perform(s, t, act), output: ok })),
  );
};
