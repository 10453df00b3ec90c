// The pure, total specification of the CODOMs machine (§4).
export { initialState, type SpecState } from './state/machine';
export { step, run } from './transitions/step';
export type { StepOutcome } from './transitions/outcome';
