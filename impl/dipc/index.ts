// The efficient dIPC machine (DESIGN §9, paper §6) on top of the CODOMs impl. It shares only
// the op alphabet with the spec; refinement/dipc-abstraction.ts is the one bridge.
export { DipcImplMachine } from './machine';
export { DipcHardware, codomsConfigOf } from './hardware';
export { LowestFreeAllocator } from './id-allocator';
export { TemplateCache, type ProxyTemplate } from './proxy-templates';
export { isWellFormedDipcOp } from './syscall-shape';
