// The page of `run --html` and `replay --html` (pages/trace-page.ts): the step viewer over
// the traces the page carries; `#ID` opens one at its failing step, `#ID@K` at position K.
// @ts-check
'use strict';

/** @typedef {import('../data.ts').StepTrace} StepTrace */

(() => {
  const raw = document.getElementById('trace-data')?.textContent;
  if (raw === undefined || raw === null) throw new Error('trace page: no data block');
  /** @type {StepTrace[]} */
  const traces = JSON.parse(raw);
  const root = /** @type {HTMLElement} */ (document.getElementById('viewer'));
  const viewer = /** @type {any} */ (window).StepViewer.mount(root, traces);
  const fromHash = () => {
    const m = /^#([^@]+)(?:@(\d+))?$/.exec(decodeURIComponent(location.hash));
    if (m !== null) viewer.show(m[1], m[2] === undefined ? 'fail' : Number(m[2]));
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
  root.focus({ preventScroll: true });
  document.body.dataset.ready = 'true';
})();
