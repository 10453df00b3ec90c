// Scope bounds for generated CODOMs scenarios, in one place (like a TLA+ .cfg file).
// Reports quote these so a reader knows the scale at which the properties were checked.
export interface ScenarioBounds {
  readonly minDomains: number;
  readonly maxDomains: number;
  readonly minPages: number;
  readonly maxPages: number;
  readonly maxThreads: number;
  readonly maxCpus: number;
  readonly maxOps: number;
}

export const CODOMS_BOUNDS: ScenarioBounds = {
  minDomains: 2,
  maxDomains: 8,
  minPages: 6,
  maxPages: 32,
  maxThreads: 3,
  maxCpus: 2,
  maxOps: 60,
};
