// The step viewer (docs/pages.md): steps through a trace the page carries as data
// (pages/steps.ts StepTrace) and shows, after each op, every thread (process, call depth,
// registers, capability registers, DCS), its KCS frames and the memory words that changed,
// what changed since the previous position highlighted, and the failing step marked with
// what the property expected and observed. Used by the audit page and by the pages of
// `run --html` and `replay --html`. Plain DOM, no library; keyboard: ← → Home End, f (failing step).
// @ts-check
'use strict';

/** @typedef {import('../data.ts').StepTrace} StepTrace */
/** @typedef {import('../data.ts').ThreadView} ThreadView */
/** @typedef {import('../data.ts').CapView} CapView */
/** @typedef {import('../data.ts').WordChange} WordChange */
/** @typedef {import('../data.ts').ProcessView} ProcessView */

(() => {
  /** @type {import('./dom.js').ElementMaker} */
  const h = /** @type {any} */ (window).dipcDom.h;
  /** @param {number} a */
  const hex = (a) => `0x${a.toString(16)}`;
  const REG_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'sp'];

  /**
   * @param {HTMLElement} root where the viewer is drawn
   * @param {StepTrace[]} traces the traces it can show (a picker when more than one)
   */
  const mount = (root, traces) => {
    root.classList.add('sv');
    root.textContent = '';
    /** @type {StepTrace | null} */
    let trace = null;
    /** Position: 0 is the state at boot, k the state after op k-1. */
    let pos = 0;
    /** @type {Map<string, StepTrace>} */
    const byId = new Map(traces.map((t) => [t.id, t]));

    const picker = /** @type {HTMLSelectElement} */ (h('select', { class: 'sv-pick', 'aria-label': 'trace' }));
    for (const t of traces) picker.append(h('option', { value: t.id }, [`${t.id}: ${t.title}`]));
    const title = h('h3', { class: 'sv-title' });
    const meta = h('div', { class: 'sv-meta' });
    const slider = /** @type {HTMLInputElement} */ (h('input', { type: 'range', min: '0', value: '0', class: 'sv-slider', 'aria-label': 'step' }));
    const where = h('span', { class: 'sv-where' });
    /** @param {string} label @param {string} act @param {string} hint */
    const button = (label, act, hint) => h('button', { type: 'button', 'data-act': act, title: hint }, [label]);
    const failButton = button('✗ failing step', 'fail', 'go to the step at which the property broke (f)');
    const controls = h('div', { class: 'sv-controls' }, [
      button('|◀', 'first', 'boot (Home)'), button('◀', 'prev', 'previous step (←)'), slider, button('▶', 'next', 'next step (→)'), button('▶|', 'last', 'last step (End)'), where, failButton,
    ]);
    const ops = h('ol', { class: 'sv-ops', start: '0' });
    const state = h('div', { class: 'sv-state' });
    root.append(traces.length > 1 ? h('div', { class: 'sv-head' }, [picker]) : '', title, meta, controls, h('div', { class: 'sv-body' }, [h('div', { class: 'sv-opcol' }, [h('div', { class: 'sv-boot' }, ['boot']), ops]), state]));

    /** @param {number} k */
    const threadsAt = (k) => (trace === null ? [] : k === 0 ? trace.boot.threads : trace.steps[k - 1].threads);
    /** @param {number} k */
    const processesAt = (k) => (trace === null ? undefined : k === 0 ? trace.boot.processes : trace.steps[k - 1].processes);

    /** @param {number | null} id @param {number} k */
    const capText = (id, k) => {
      if (id === null) return h('span', { class: 'nil' }, ['·']);
      const c = trace?.caps[id];
      if (c === undefined) return h('span', {}, [`cap${id}`]);
      const revoked = c.revoked !== null && c.revoked <= k - 1;
      const tip = `cap${id}: [${hex(c.base)}, ${hex(c.base + c.length)}) ${c.perm} ${c.kind}${c.owner === null ? '' : ` of t${c.owner}`}${c.parent === null ? ', a root' : `, from cap${c.parent}`}${revoked ? ', revoked' : ''}`;
      return h('span', { class: revoked ? 'cap revoked' : 'cap', title: tip }, [`cap${id}`]);
    };

    /** @param {string | number} v @param {boolean} changed @param {string} [tip] */
    const cell = (v, changed, tip) => h('td', changed ? { class: 'chg', ...(tip ? { title: tip } : {}) } : tip ? { title: tip } : {}, [String(v)]);

    const drawThreads = () => {
      const now = threadsAt(pos);
      const was = threadsAt(Math.max(0, pos - 1));
      const dipc = trace?.layer === 'dipc';
      const head = ['t', ...(dipc ? ['process', 'depth'] : []), 'ip', ...REG_NAMES, ...Array.from({ length: 8 }, (_, i) => `c${i}`), 'DCS (base|slots)', 'faults'];
      const rows = now.map((th) => {
        const p = was.find((x) => x.t === th.t);
        const moved = pos > 0 && p === undefined;
        /** @param {(x: ThreadView) => unknown} f */
        const differs = (f) => pos > 0 && (p === undefined || JSON.stringify(f(p)) !== JSON.stringify(f(th)));
        const tds = [h('td', {}, [`t${th.t}`])];
        if (dipc) {
          tds.push(cell(`p${th.process}${th.home !== th.process ? ` (home p${th.home})` : ''}${th.ended ? ' ended' : ''}`, differs((x) => [x.process, x.ended])));
          tds.push(cell(th.kcs?.length ?? 0, differs((x) => x.kcs?.length)));
        }
        tds.push(cell(hex(th.ip), differs((x) => x.ip)));
        th.regs.forEach((v, r) => tds.push(cell(r === 8 ? hex(v) : v, differs((x) => x.regs[r]), REG_NAMES[r])));
        th.capRegs.forEach((c, i) => {
          const td = h('td', differs((x) => x.capRegs[i]) ? { class: 'chg' } : {}, [capText(c, pos)]);
          tds.push(td);
        });
        const dcs = h('td', differs((x) => [x.dcs, x.dcsBase]) ? { class: 'chg dcs' } : { class: 'dcs' }, [`${th.dcsBase}|`]);
        th.dcs.forEach((c, i) => dcs.append(i === 0 ? '' : ' ', capText(c, pos)));
        if (th.dcs.length === 0) dcs.append('empty');
        tds.push(dcs, cell(th.faults, differs((x) => x.faults)));
        return h('tr', { class: `${th.ended ? 'ended' : ''}${moved ? ' new' : ''}`.trim() }, tds);
      });
      return h('table', { class: 'sv-threads' }, [h('thead', {}, [h('tr', {}, head.map((x) => h('th', {}, [x])))]), h('tbody', {}, rows)]);
    };

    const drawKcs = () => {
      const now = threadsAt(pos);
      const was = threadsAt(Math.max(0, pos - 1));
      const blocks = now.filter((th) => (th.kcs?.length ?? 0) > 0 || (was.find((x) => x.t === th.t)?.kcs?.length ?? 0) > 0).map((th) => {
        const before = was.find((x) => x.t === th.t)?.kcs ?? [];
        const frames = (th.kcs ?? []).map((f, i) => {
          const fresh = pos > 0 && JSON.stringify(before[i]) !== JSON.stringify(f);
          return h('li', fresh ? { class: 'chg' } : {}, [
            `p${f.caller} → p${f.callee} through proxy ${f.proxy}; returns to ${hex(f.returnAddress)}, sp ${hex(f.savedSp)}, DCS base ${f.savedDcsBase}` +
              `${f.stackSwitched ? ', stack switched' : ''}${f.savedDcs === null ? '' : `, own DCS (caller's ${f.savedDcs} entries saved)`}${f.split ? ', split off by a time-out' : ''}; return capability `,
            capText(f.returnCap, pos),
          ]);
        });
        const popped = before.length > (th.kcs?.length ?? 0) ? h('li', { class: 'gone' }, [`${before.length - (th.kcs?.length ?? 0)} frame(s) popped at this step`]) : null;
        return h('div', { class: 'sv-kcs-thread' }, [h('b', {}, [`t${th.t}`]), frames.length === 0 && popped === null ? ' empty' : '', h('ol', { start: '0' }, [...frames, popped])]);
      });
      return blocks.length === 0 ? h('p', { class: 'sv-empty' }, ['No thread is inside a cross-process call.']) : h('div', {}, blocks);
    };

    const drawWords = () => {
      if (trace === null) return h('div');
      /** @type {Map<number, {w: WordChange, at: number}>} */
      const latest = new Map();
      for (const w of trace.boot.words) latest.set(w.addr * 2 + (typeof w.after === 'string' ? 1 : 0), { w, at: -1 });
      for (let k = 1; k < pos; k++) for (const w of trace.steps[k - 1].words) latest.set(w.addr * 2 + (typeof w.after === 'string' ? 1 : 0), { w, at: k - 1 });
      const nowWords = pos === 0 ? [] : trace.steps[pos - 1].words;
      for (const w of nowWords) latest.delete(w.addr * 2 + (typeof w.after === 'string' ? 1 : 0));
      /** @param {WordChange} w @param {string} at @param {boolean} now */
      const row = (w, at, now) =>
        h('tr', now ? { class: 'chg' } : {}, [h('td', {}, [hex(w.addr)]), h('td', {}, [w.where]), h('td', {}, [w.before === '' ? '·' : String(w.before)]), h('td', {}, [w.after === '' ? '·' : String(w.after)]), h('td', {}, [at])]);
      const earlier = [...latest.values()].sort((a, b) => a.w.addr - b.w.addr);
      const table = h('table', { class: 'sv-words' }, [
        h('thead', {}, [h('tr', {}, ['address', 'where', 'before', 'after', 'changed at'].map((x) => h('th', {}, [x])))]),
        h('tbody', {}, [...nowWords.map((w) => row(w, `step ${pos - 1} (this one)`, true)), ...earlier.map(({ w, at }) => row(w, at < 0 ? 'boot' : `step ${at}`, false))]),
      ]);
      if (nowWords.length === 0 && earlier.length === 0) return h('p', { class: 'sv-caption' }, ['No memory word has been written since boot.']);
      const caption = nowWords.length === 0 ? 'No memory word changed at this step.' : `${nowWords.length} word${nowWords.length === 1 ? '' : 's'} changed at this step (highlighted).`;
      return h('div', {}, [h('p', { class: 'sv-caption' }, [`${caption}${earlier.length === 0 ? '' : ' Below: every other word written since boot, with its value then.'}`]), table]);
    };

    /** @param {readonly ProcessView[] | undefined} ps */
    const drawProcesses = (ps) =>
      ps === undefined
        ? null
        : h('p', { class: 'sv-procs' }, ps.map((p) => h('span', { class: `proc ${p.honest ? 'honest' : 'adversary'}${p.alive ? '' : ' dead'}` }, [`p${p.p} ${p.honest ? 'honest' : 'adversarial'}${p.alive ? '' : ', dead'}`])));

    const draw = () => {
      if (trace === null) return;
      const t = trace;
      const n = t.steps.length;
      pos = Math.max(0, Math.min(n, pos));
      slider.value = String(pos);
      where.textContent = pos === 0 ? `boot (of ${n} steps)` : `after step ${pos - 1} of ${n}`;
      for (const li of ops.children) li.classList.remove('cur');
      ops.children[pos - 1]?.classList.add('cur');
      root.querySelector('.sv-boot')?.classList.toggle('cur', pos === 0);
      const f = t.failing;
      const failingHere = f !== null && pos - 1 === f.step;
      state.textContent = '';
      const step = pos === 0 ? null : t.steps[pos - 1];
      state.append(
        failingHere && f !== null
          ? h('div', { class: 'sv-failbox', role: 'alert' }, [h('b', {}, [`✗ The property breaks at step ${f.step}`]), h('div', {}, [h('span', { class: 'lbl' }, ['expected ']), f.expected]), h('div', {}, [h('span', { class: 'lbl' }, ['observed ']), f.observed])])
          : '',
        h('p', { class: 'sv-op' }, step === null ? ['State at boot.'] : [h('code', {}, [`${pos - 1}  ${step.op}`]), ' → ', h('b', {}, [step.output]), step.change === '' ? '' : `; ${step.change}`]),
        drawProcesses(processesAt(pos)) ?? '',
        h('h4', {}, ['Threads']),
        drawThreads(),
        ...(t.layer === 'dipc' ? [h('h4', {}, ['Kernel control stacks (KCS)']), drawKcs()] : []),
        h('h4', {}, ['Memory']),
        drawWords(),
      );
      const active = /** @type {HTMLElement | undefined} */ (ops.children[pos - 1]);
      if (active !== undefined && typeof active.scrollIntoView === 'function') active.scrollIntoView({ block: 'nearest' });
      root.dataset.position = String(pos);
      root.dataset.trace = t.id;
    };

    /** @param {string} id @param {number | 'fail' | 'boot'} [at] */
    const show = (id, at = 'fail') => {
      const t = byId.get(id);
      if (t === undefined) return false;
      trace = t;
      picker.value = id;
      title.textContent = t.title;
      meta.textContent = '';
      meta.append(`${t.layer === 'dipc' ? 'dIPC' : 'CODOMs'} trace of ${t.length} op${t.length === 1 ? '' : 's'} on machine ${t.machine}.`);
      if (t.notes.length > 0 || t.error !== undefined)
        meta.append(h('ul', { class: 'sv-notes' }, [...t.notes.map((x) => h('li', {}, [x])), t.error === undefined ? null : h('li', { class: 'err' }, [t.error])]));
      ops.textContent = '';
      t.steps.forEach((s, i) => {
        const failing = t.failing !== null && t.failing.step === i;
        const li = h('li', { class: failing ? 'fail' : '', 'data-step': String(i), title: failing ? `the property breaks here: expected ${t.failing?.expected}` : s.change }, [
          h('code', {}, [s.op]),
          h('span', { class: 'out' }, [` ${s.output}`]),
          failing ? h('span', { class: 'mark' }, [' ✗']) : null,
        ]);
        li.addEventListener('click', () => {
          pos = i + 1;
          draw();
        });
        ops.append(li);
      });
      slider.max = String(t.steps.length);
      failButton.hidden = t.failing === null || t.failing.step < 0;
      pos = at === 'boot' ? 0 : at === 'fail' ? (t.failing !== null && t.failing.step >= 0 ? t.failing.step + 1 : 0) : at;
      draw();
      return true;
    };

    root.querySelector('.sv-boot')?.addEventListener('click', () => {
      pos = 0;
      draw();
    });
    picker.addEventListener('change', () => show(picker.value));
    slider.addEventListener('input', () => {
      pos = Number(slider.value);
      draw();
    });
    controls.addEventListener('click', (ev) => {
      const act = /** @type {HTMLElement} */ (ev.target).closest('button')?.dataset.act;
      if (trace === null || act === undefined) return;
      if (act === 'first') pos = 0;
      else if (act === 'prev') pos--;
      else if (act === 'next') pos++;
      else if (act === 'last') pos = trace.steps.length;
      else if (act === 'fail' && trace.failing !== null) pos = trace.failing.step + 1;
      draw();
    });
    root.tabIndex = 0;
    root.addEventListener('keydown', (ev) => {
      if (trace === null || (ev.target instanceof HTMLInputElement && ev.target.type !== 'range') || ev.target instanceof HTMLSelectElement) return;
      const k = ev.key;
      if (k === 'ArrowRight') pos++;
      else if (k === 'ArrowLeft') pos--;
      else if (k === 'Home') pos = 0;
      else if (k === 'End') pos = trace.steps.length;
      else if (k === 'f' && trace.failing !== null) pos = trace.failing.step + 1;
      else return;
      ev.preventDefault();
      draw();
    });
    if (traces.length > 0) show(traces[0].id);
    return { show };
  };

  /** @type {any} */ (window).StepViewer = { mount };
})();
