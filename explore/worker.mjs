// Thread entry of explore's workers (explore/parallel.ts): load the TypeScript sources
// through tsx, as bin/dipc-spec.mjs does for the main thread (a worker does not inherit its loader).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
