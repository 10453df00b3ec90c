// One self-contained HTML page: its styles, scripts and data inline, nothing fetched when it
// is viewed (no network, no other file), so a report opens offline by double-click and can be
// mailed or archived as one file. The browser code lives in pages/client/ as plain
// JavaScript (type-checked by pages/client/tsconfig.json) and is read from there when a page
// is made.
import { readFileSync } from 'node:fs';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A file of pages/client/ (or a package's file, by absolute URL), as text. */
export const clientFile = (name: string): string => readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');

/**
 * A value as an inline JSON data block. `<` is written as \u003c so that no string in the
 * data (an op, a note, a file name) can close the script element; JSON.parse reads it back.
 */
export const jsonBlock = (id: string, value: unknown): string =>
  `<script type="application/json" id="${esc(id)}">${JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}</script>`;

/** Inline script text: a `</script` inside it would end the element early, so it is escaped. */
const inlineScript = (code: string, module = false): string => `<script${module ? ' type="module"' : ''}>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;

export interface PageParts {
  readonly title: string;
  /** CSS files of pages/client/, in order. */
  readonly styles: readonly string[];
  readonly body: string;
  /** Data blocks: id → value. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Script files of pages/client/, in order (classic scripts, run after the body). */
  readonly scripts: readonly string[];
}

export const page = (p: PageParts): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(p.title)}</title>
<style>
${p.styles.map(clientFile).join('\n')}
</style>
</head>
<body>
${p.body}
${Object.entries(p.data).map(([id, v]) => jsonBlock(id, v)).join('\n')}
${p.scripts.map((s) => inlineScript(clientFile(s))).join('\n')}
</body>
</html>
`;

export { inlineScript };
