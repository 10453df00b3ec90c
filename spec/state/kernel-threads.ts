// The kernel's view of a primary thread (§5.2.1): its home process, the process it runs in
// now, and whether it has ended. Its registers, capabilities and DCS are the CODOMs thread
// with the same index in the hardware state.
export interface KernelThread {
  readonly home: number;
  readonly current: number;
  readonly ended: boolean;
}
