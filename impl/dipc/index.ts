// The efficient dIPC machine (DESIGN §9, paper §6) on top of the CODOMs impl. It shares only
// the op alphabet with the spec; refinement/dipc-abstraction.ts is the one bridge.
export { DipcImplMachine, MAX_LANDINGS } from './machine';
export { DipcHardware, codomsConfigOf } from './hardware';
export { BlockIndexedCapTable } from './block-caps';
export { LowestFreeAllocator } from './id-allocator';
export { HOT_ENTRIES, KernelThreadTable } from './kernel-threads';
export { KcsFrame, type StackRegion } from './kcs';
export { TemplateCache, type ProxyTemplate } from './proxy-templates';
export { isDipcOp, isWellFormedDipcOp } from './syscall-shape';
