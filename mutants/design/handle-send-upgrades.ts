// handle_send(h, pid) (§6.2.1, Table 2) hands the receiver a copy of h. This design rebuilds
// the handle from the domain it names and gives the receiver owner permission on it: a call
// handle sent to a peer lets the peer map, remap and grant that domain.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { syscallOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-handle-send-upgrades',
  description: 'handle_send gives the receiver owner permission on the domain, whatever the sent handle allowed',
  cites: 'Table 2 handle_send; §6.2.1',
  targets: ['P1'],
  factory: designFactory('design-handle-send-upgrades', (s, op, spec) => {
    const r = spec(s, op);
    const c = syscallOf(op, 'handle_send');
    if (c === null || r.output.out !== 'value') return r;
    const v = r.output.v;
    const target = r.state.os.processes.findIndex((p, i) => p.handles.length === s.os.processes[i].handles.length + 1);
    if (target < 0) return r;
    const p = r.state.os.processes[target];
    const handles = p.handles.map((h, i) => (i === v && h.k === 'dom' ? { ...h, perm: 'owner' as const } : h));
    return { ...r, state: { ...r.state, os: { ...r.state.os, processes: r.state.os.processes.map((q, i) => (i === target ? { ...p, handles } : q)) } } };
  }),
};
