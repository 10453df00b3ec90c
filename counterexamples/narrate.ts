// What changed in one step, in a few words, for people reading a trace: the op's thread,
// its process and call depth, the registers that moved, the events of the dIPC kernel.
import { ERR_REG, SP } from '../alphabet/config';
import type { DipcState } from '../spec/state/dipc';
import type { SpecState } from '../spec/state/machine';

const regNames = (r: number) => (r === SP ? 'sp' : `r${r}`);

const changedRegs = (a: readonly number[], b: readonly number[]): string[] =>
  b.flatMap((v, i) => (v !== a[i] ? [`${regNames(i)}=${v}`] : []));

/** CODOMs: registers and memory words that changed. */
export const describeCodomsStep = (pre: SpecState, post: SpecState): string => {
  const parts: string[] = [];
  post.threads.forEach((th, t) => {
    const regs = changedRegs(pre.threads[t].regs, th.regs);
    if (th.ip !== pre.threads[t].ip) regs.unshift(`ip=0x${th.ip.toString(16)}`);
    if (regs.length > 0) parts.push(`t${t} ${regs.join(' ')}`);
  });
  for (const [a, v] of post.memory) if (pre.memory.get(a) !== v) parts.push(`[0x${a.toString(16)}]=${v}`);
  if (post.caps.length > pre.caps.length) parts.push(`cap ${pre.caps.length} made`);
  return parts.join(', ');
};

/** dIPC: per thread that changed, where it runs, its call depth, r0/r7; plus kills and new threads. */
export const describeDipcStep = (pre: DipcState, post: DipcState): string => {
  const parts: string[] = [];
  post.os.threads.forEach((kt, t) => {
    const before = pre.os.threads[t];
    const ctx = post.hw.threads[t];
    if (before === undefined) {
      parts.push(`new t${t} in p${kt.current}${kt.kcs.some((f) => f.split) ? ' (split off)' : ''}`);
      return;
    }
    const was = pre.hw.threads[t];
    const moved = before.current !== kt.current || before.kcs.length !== kt.kcs.length || was.regs[ERR_REG] !== ctx.regs[ERR_REG] || was.regs[0] !== ctx.regs[0];
    if (kt.ended && !before.ended) parts.push(`t${t} ended`);
    else if (moved) {
      const err = ctx.regs[ERR_REG];
      parts.push(`t${t} in p${kt.current} (depth ${kt.kcs.length}) r0=${ctx.regs[0]}${err !== 0 ? ` r7=${err}` : ''}`);
    }
  });
  post.os.processes.forEach((p, i) => {
    if (pre.os.processes[i] === undefined) parts.push(`new p${i}`);
    else if (!p.alive && pre.os.processes[i].alive) parts.push(`p${i} dead`);
  });
  if (post.os.proxies.length > pre.os.proxies.length) parts.push(`proxy ${pre.os.proxies.length} made`);
  return parts.join(', ');
};

// Replay shows more than `run`: every register, capability register, DCS depth and memory
// word that changed, so a diverging machine shows where it diverges.

const hex = (a: number) => `0x${a.toString(16)}`;
const MAX_WORDS = 6;

const threadChanges = (was: SpecState['threads'][number] | undefined, th: SpecState['threads'][number]): string[] => {
  if (was === undefined) return [];
  const out = changedRegs(was.regs, th.regs);
  if (th.ip !== was.ip) out.unshift(`ip=${hex(th.ip)}`);
  th.capRegs.forEach((c, i) => {
    if (c !== was.capRegs[i]) out.push(`c${i}=${c === null ? '-' : `cap${c}`}`);
  });
  if (th.dcs.length !== was.dcs.length) out.push(`dcs top=${th.dcs.length}`);
  if (th.faults !== was.faults) out.push(`fault #${th.faults}`);
  return out;
};

const wordChanges = (pre: SpecState, post: SpecState): string[] => {
  const addrs = [...new Set([...pre.memory.keys(), ...post.memory.keys(), ...pre.capMemory.keys(), ...post.capMemory.keys()])].sort((a, b) => a - b);
  const out: string[] = [];
  for (const a of addrs) {
    const v0 = pre.memory.get(a) ?? 0;
    const v1 = post.memory.get(a) ?? 0;
    if (v0 !== v1) out.push(`[${hex(a)}]=${v1}`);
    const c0 = pre.capMemory.get(a);
    const c1 = post.capMemory.get(a);
    if (c0 !== c1) out.push(`[${hex(a)}]=${c1 === undefined ? '-' : `cap${c1}`}`);
  }
  return out.length <= MAX_WORDS ? out : [...out.slice(0, MAX_WORDS), `+${out.length - MAX_WORDS} words`];
};

/** CODOMs, for replay: registers (with ip), capability registers, DCS top, faults, memory words and capability slots, new capabilities. */
export const describeCodomsChange = (pre: SpecState, post: SpecState): string => {
  const parts: string[] = [];
  post.threads.forEach((th, t) => {
    const c = threadChanges(pre.threads[t], th);
    if (c.length > 0) parts.push(`t${t} ${c.join(' ')}`);
  });
  parts.push(...wordChanges(pre, post));
  if (post.caps.length > pre.caps.length) parts.push(`cap${pre.caps.length} made`);
  return parts.join(', ');
};

/** dIPC, for replay: per thread its process and KCS depth when either moved, every register that changed; memory words; kills, new processes and threads, proxies. */
export const describeDipcChange = (pre: DipcState, post: DipcState): string => {
  const parts: string[] = [];
  post.os.threads.forEach((kt, t) => {
    const before = pre.os.threads[t];
    if (before === undefined) {
      parts.push(`new t${t} in p${kt.current}${kt.kcs.some((f) => f.split) ? ' (split off)' : ''}`);
      return;
    }
    if (kt.ended && !before.ended) {
      parts.push(`t${t} ended`);
      return;
    }
    const where = before.current !== kt.current || before.kcs.length !== kt.kcs.length ? [`in p${kt.current} (depth ${kt.kcs.length})`] : [];
    const c = [...where, ...threadChanges(pre.hw.threads[t], post.hw.threads[t])];
    if (c.length > 0) parts.push(`t${t} ${c.join(' ')}`);
  });
  parts.push(...wordChanges(pre.hw, post.hw));
  post.os.processes.forEach((p, i) => {
    if (pre.os.processes[i] === undefined) parts.push(`new p${i}`);
    else if (!p.alive && pre.os.processes[i].alive) parts.push(`p${i} dead`);
  });
  if (post.os.proxies.length > pre.os.proxies.length) parts.push(`proxy ${pre.os.proxies.length} made`);
  return parts.join(', ');
};
