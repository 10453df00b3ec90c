// The step viewer as a page of its own (docs/pages.md "Step viewer"): `dipc-spec run FILE
// --html` and `dipc-spec replay FILE... --html` write one self-contained page holding each
// trace, replayed on its machine, with a picker when there are several. `#ID` in the
// address opens trace ID at its failing step, `#ID@K` at position K (0: boot).
import type { StepTrace } from './data';
import { esc, page } from './html';

export interface TracePage {
  readonly title: string;
  /** Paragraphs above the viewer (plain text). */
  readonly intro: readonly string[];
  readonly traces: readonly StepTrace[];
}

export const tracePageHtml = (p: TracePage): string =>
  page({
    title: p.title,
    styles: ['common.css', 'viewer.css'],
    body: `<h1>${esc(p.title)}</h1>
${p.intro.map((l) => `<p class="lede">${esc(l)}</p>`).join('\n')}
<p class="lede">Step through the ops with ← → (Home: boot, End: the last step, f: the failing step), or click an op. Each position shows every thread, its kernel control stack and the memory words written, what changed since the previous position highlighted.</p>
<div id="viewer"></div>`,
    data: { 'trace-data': p.traces },
    scripts: ['dom.js', 'viewer.js', 'trace.js'],
  });
