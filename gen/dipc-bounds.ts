// Scope bounds for generated dIPC scenarios, in one place.
export interface DipcBounds {
  readonly minProcesses: number;
  readonly maxProcesses: number;
  readonly maxThreadsPerProcess: number;
  readonly maxOps: number;
}

export const DIPC_BOUNDS: DipcBounds = { minProcesses: 2, maxProcesses: 4, maxThreadsPerProcess: 2, maxOps: 80 };
