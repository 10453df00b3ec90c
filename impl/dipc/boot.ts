// Boot (docs/dipc-model.md "Boot"): every process of the config that fits gets its block,
// domains, image and threads; then, as the loaders of §5.3.2 would, every export is
// registered (one entry handle each) and sent to every process that imports it, whose
// import slot remembers the handle until its first call resolves a proxy.
import type { ProcessConfig } from '../../alphabet/dipc-config';
import { canonicalSignature } from '../../alphabet/policy';
import { resolveIndex } from '../../alphabet/resolve';
import { refused } from './kernel-core';
import { policyMask } from './policy-mask';
import { ProcessCalls } from './process-calls';
import { ImportSlot } from './processes';

export abstract class BootLoader extends ProcessCalls {
  /** Processes and threads that do not fit (slots, blocks, tags, pages) are left out, as a real boot would fail them. */
  protected boot(): void {
    const codeOf: number[] = [];
    for (const pc of this.config.processes) {
      const made = this.createProcess(pc.honest, pc.codePages, pc.dataPages, -1);
      if (refused(made)) continue;
      codeOf.push(made.code);
      if (made.data >= 0 && pc.data !== undefined) {
        // The config's data words, from the first word of the data pages (those past them dropped).
        const W = this.hw.wordsPerPage;
        const n = Math.min(pc.data.length, Math.min(pc.dataPages, this.space.blockPages - Math.min(pc.codePages, this.space.blockPages)) * W);
        for (let i = 0; i < n; i++) this.hw.memory.words[made.data * W + i] = pc.data[i];
      }
      for (let i = 0; i < pc.threads; i++) this.spawnThread(made.pid, made.code * this.hw.wordsPerPage);
    }
    // Creation fails for good once it fails (slots, blocks and tags only run out), so the booted processes are a prefix.
    const booted: readonly ProcessConfig[] = this.config.processes.slice(0, this.processes.count);
    const W = this.hw.wordsPerPage;
    const perPage = Math.ceil(W / this.hw.entryAlign);
    booted.forEach((pc, pid) => {
      const p = this.processes.list[pid];
      for (const ex of pc.exports ?? []) {
        const address = codeOf[pid] * W + resolveIndex(ex.code, perPage) * this.hw.entryAlign;
        const h = this.registerEntries(pid, p.defaultDomain, [{ address, signature: canonicalSignature(ex.sig), policy: policyMask(ex.policy) }]);
        if (!refused(h)) p.exports.push(h);
      }
    });
    booted.forEach((pc, pid) => {
      for (const im of pc.imports ?? []) {
        const from = resolveIndex(im.from, this.processes.count);
        const exports = this.processes.list[from].exports;
        const handle = exports.length === 0 ? -1 : exports[resolveIndex(im.export, exports.length)];
        let received = -1;
        if (handle >= 0) {
          const sent = this.handleSend(from, handle, pid);
          if (!refused(sent)) received = sent;
        }
        this.processes.list[pid].imports.push(new ImportSlot(received, canonicalSignature(im.sig), policyMask(im.policy), -1));
      }
    });
  }
}
