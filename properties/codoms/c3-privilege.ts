// C3 privilege (§4.1 "privileged capability bit"): privileged actions only run from code on
// pages with the privileged bit; nothing else changes the APLs or the DCS base.
import { isDeepStrictEqual } from 'node:util';
import { checkSteps } from '../observe';
import { page, succeeded, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';

const privilegedOnlyFromPrivilegedPages: StepCheck = ({ op, pre, output, post }) => {
  const t = threadOf(pre, op);
  const privOk = op.op === 'priv' && succeeded(output);
  if (privOk && page(pre, pre.threads[t].ip)?.priv !== true) {
    return { expected: `priv runs only on a privileged page`, observed: `priv succeeded at ip 0x${pre.threads[t].ip.toString(16)}` };
  }
  if (!privOk && !isDeepStrictEqual(pre.apl, post.apl)) {
    return { expected: 'APLs change only through a privileged action', observed: `${op.op} changed an APL` };
  }
  const baseMoved = pre.threads.findIndex((th, i) => th.dcsBase !== post.threads[i]?.dcsBase);
  if (baseMoved >= 0 && !privOk) {
    return { expected: 'the DCS base moves only through a privileged action', observed: `${op.op} moved t${baseMoved}'s DCS base` };
  }
  return null;
};

export const C3: CodomsProperty = {
  id: 'C3',
  layer: 'codoms',
  title: 'privilege: privileged actions only from privileged pages',
  check: (sc, f) => checkSteps(sc, f, privilegedOnlyFromPrivilegedPages),
};
