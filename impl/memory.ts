// Physical memory behind the page table: data words, and the capability slots of
// capability-storage pages (§4.2: such a page holds capabilities, never data). Both are
// flat arrays indexed by address; a slot holds a capability id or -1 when empty.
export class Memory {
  readonly words: Int32Array;
  readonly capSlots: Int32Array;

  constructor(size: number) {
    this.words = new Int32Array(size);
    this.capSlots = new Int32Array(size).fill(-1);
  }
}
