// A worker of `explore --workers N` (explore/parallel.ts): given the search's context once
// (config, domains, machine and property ids), it expands the frontier nodes it is sent
// (expandNode) and posts back their expansions, in the order it got them.
import { parentPort } from 'node:worker_threads';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { dipcMachineById } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import type { DipcProperty } from '../properties/types';
import type { Domains } from './alphabet';
import { type Checking, type ExpandContext, expandNode } from './search';

export type WorkerRequest =
  | { readonly id: number; readonly init: { readonly config: DipcConfig; readonly domains: Domains; readonly machine: string; readonly properties: readonly string[]; readonly checking: Checking } }
  | { readonly id: number; readonly traces: readonly (readonly DipcOp[])[] };

const port = parentPort;
if (port === null) throw new Error('explore worker: not in a worker thread');
let ctx: ExpandContext | null = null;

port.on('message', (m: WorkerRequest) => {
  try {
    if ('init' in m) {
      const factory = dipcMachineById(m.init.machine);
      if (factory === undefined) throw new Error(`no dIPC machine '${m.init.machine}'`);
      const properties = m.init.properties.map((id) => {
        const p = propertyById(id);
        if (p === undefined || p.layer !== 'dipc') throw new Error(`no dIPC property '${id}'`);
        return p as DipcProperty;
      });
      ctx = { config: m.init.config, domains: m.init.domains, factory, properties, checking: m.init.checking };
      port.postMessage({ id: m.id, ok: true });
      return;
    }
    if (ctx === null) throw new Error('explore worker: expansions asked before init');
    const c = ctx;
    port.postMessage({ id: m.id, expansions: m.traces.map((t) => expandNode(t, c)) });
  } catch (e) {
    port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
