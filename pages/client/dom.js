// The one DOM helper the pages' scripts share (loaded first): an element with attributes and children.
// @ts-check
'use strict';

/** @typedef {(tag: string, attrs?: Record<string, string>, kids?: (Node | string | null | undefined)[]) => HTMLElement} ElementMaker */

/** @type {ElementMaker} */
const makeElement = (tag, attrs = {}, kids = []) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
};
/** @type {any} */ (window).dipcDom = { h: makeElement };
