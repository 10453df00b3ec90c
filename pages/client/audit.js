// The audit page (pages/audit-page.ts): the heat map (combinations × guarantees, sorted and
// filtered by what the caller and the callee ask), the cost-versus-guarantees plot with its
// Pareto front, and the witness viewer each broken cell opens at its failing step.
// @ts-check
'use strict';

/** @typedef {import('../data.ts').AuditPageData} AuditPageData */
/** @typedef {import('../data.ts').PageCombination} Combo */

(() => {
  const raw = document.getElementById('audit-data')?.textContent;
  if (raw === undefined || raw === null) throw new Error('audit page: no data block');
  /** @type {AuditPageData} */
  const data = JSON.parse(raw);
  const SVG = 'http://www.w3.org/2000/svg';

  /** @type {import('./dom.js').ElementMaker} */
  const h = /** @type {any} */ (window).dipcDom.h;
  /**
   * @param {string} tag
   * @param {Record<string, string | number>} [attrs]
   * @param {(Node | string)[]} [kids]
   * @returns {SVGElement}
   */
  const s = (tag, attrs = {}, kids = []) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    for (const k of kids) e.append(k);
    return /** @type {SVGElement} */ (e);
  };

  const G = data.guarantees;
  const CALLER_CODES = ['RI', 'RC', 'SI', 'SC', 'DI', 'DC'];
  const CALLEE_CODES = ['RC', 'SC', 'DC', 'AC'];
  /** @param {Combo} c */
  const heldCount = (c) => c.cells.filter((x) => x.s !== 'broken').length;
  /** @param {Combo} c */
  const heldKey = (c) => c.cells.map((x) => (x.s === 'broken' ? '0' : '1')).join('');

  // ---- cost measure (shared by the heat map's cost column and the plot) ----
  /** @type {Record<string, number>} */
  const weights = Object.fromEntries(data.costFields.map((f) => [f.key, 1]));
  let measure = 'weighted';
  /** @param {Combo} c */
  const costOf = (c) => (measure === 'weighted' ? data.costFields.reduce((a, f) => a + weights[f.key] * (c.cost[f.key] ?? 0), 0) : c.cost[measure] ?? 0);
  const measureName = () => (measure === 'weighted' ? 'weighted total cost' : `cost: ${data.costFields.find((f) => f.key === measure)?.head ?? measure}`);

  // ---- filters and sort ----
  /** @type {Record<string, 0 | 1 | -1>} 1: must ask, -1: must not ask, 0: either */
  const callerWants = Object.fromEntries(CALLER_CODES.map((k) => [k, /** @type {0} */ (0)]));
  /** @type {Record<string, 0 | 1 | -1>} */
  const calleeWants = Object.fromEntries(CALLEE_CODES.map((k) => [k, /** @type {0} */ (0)]));
  let paperOnly = false;
  let sortKey = 'index';
  /** @type {number | null} sort by a guarantee column (broken first) */
  let sortColumn = null;
  /** @type {Set<number>} combinations picked in the plot */
  let picked = new Set();

  /** @param {Combo} c */
  const visible = (c) =>
    (!paperOnly || c.paper !== null) &&
    CALLER_CODES.every((k) => callerWants[k] === 0 || (callerWants[k] === 1) === c.caller.includes(k)) &&
    CALLEE_CODES.every((k) => calleeWants[k] === 0 || (calleeWants[k] === 1) === c.callee.includes(k));

  /** @param {readonly string[]} a */
  const askRank = (a) => a.length * 100 + a.reduce((x, k) => x + CALLER_CODES.concat(CALLEE_CODES).indexOf(k), 0);
  /** @param {Combo} a @param {Combo} b */
  const compare = (a, b) => {
    if (sortColumn !== null) {
      const col = sortColumn;
      const d = Number(a.cells[col].s !== 'broken') - Number(b.cells[col].s !== 'broken');
      if (d !== 0) return d;
    }
    switch (sortKey) {
      case 'caller': return askRank(a.caller) - askRank(b.caller) || askRank(a.callee) - askRank(b.callee) || a.index - b.index;
      case 'callee': return askRank(a.callee) - askRank(b.callee) || askRank(a.caller) - askRank(b.caller) || a.index - b.index;
      case 'held-desc': return heldCount(b) - heldCount(a) || costOf(a) - costOf(b) || a.index - b.index;
      case 'held-asc': return heldCount(a) - heldCount(b) || costOf(a) - costOf(b) || a.index - b.index;
      case 'cost': return costOf(a) - costOf(b) || heldCount(b) - heldCount(a) || a.index - b.index;
      default: return a.index - b.index;
    }
  };

  // ---- the viewer ----
  const viewerRoot = /** @type {HTMLElement} */ (document.getElementById('viewer'));
  const viewer = /** @type {any} */ (window).StepViewer.mount(viewerRoot, data.traces);
  if (data.traces.length === 0) viewerRoot.append(h('p', { class: 'sv-empty' }, ['No witness: every cell held.']));
  /** @param {string} id @param {boolean} scroll */
  const openWitness = (id, scroll) => {
    if (!viewer.show(id, 'fail')) return;
    if (location.hash !== `#witness=${id}`) history.replaceState(null, '', `#witness=${id}`);
    if (scroll) viewerRoot.scrollIntoView({ block: 'start' });
    viewerRoot.focus({ preventScroll: true });
  };

  // ---- heat map ----
  const heat = /** @type {HTMLTableElement} */ (document.getElementById('heatmap'));
  /** @param {Combo} c @param {number} gi */
  const cellTip = (c, gi) => {
    const g = G[gi];
    const x = c.cells[gi];
    const where = `#${c.index} ${c.name}: ${g.id} (${g.side})`;
    if (x.s === 'broken')
      return `${where} BROKEN${x.step === undefined ? '' : ` at step ${x.step} of a ${x.ops}-op witness`}\nexpected ${x.expected ?? '?'}\nobserved ${x.observed ?? '?'}${x.trace === undefined ? '\n(no replayable witness in the report)' : '\nclick to open it in the viewer'}`;
    const ex = x.exhaustive === undefined ? '' : `\nexhaustive search: depth ${x.exhaustive.depth}, ${x.exhaustive.states} states, ${x.exhaustive.transitions} transitions${x.exhaustive.complete ? ', complete' : ', not complete'}`;
    return `${where} ${x.s === 'exhaustive' ? 'held exhaustively' : 'held'}: ${x.runs} runs, ${x.calls} calls${ex}${x.note === undefined ? '' : `\n${x.note}`}`;
  };
  /** @param {readonly string[]} a */
  const asks = (a) => (a.length === 0 ? '–' : a.join(' '));

  const drawHeat = () => {
    const rows = data.combinations.filter(visible).sort(compare);
    heat.textContent = '';
    const callerCols = G.filter((g) => g.side === 'caller').length;
    const group = h('tr', { class: 'group' }, [
      h('th', { colspan: '6' }, ['']),
      h('th', { colspan: String(callerCols), class: 'side-caller' }, ['protects the caller']),
      h('th', { colspan: String(G.length - callerCols), class: 'side-callee' }, ['protects the callee']),
    ]);
    /** @param {string} label @param {string} key @param {string} hint */
    const sortHead = (label, key, hint) => {
      const th = h('th', { class: `sortable${sortKey === key && sortColumn === null ? ' sorted' : ''}`, title: hint, 'data-sort': key }, [label]);
      th.addEventListener('click', () => {
        sortColumn = null;
        sortKey = key;
        syncControls();
        drawHeat();
      });
      return th;
    };
    const heads = h('tr', {}, [
      sortHead('#', 'index', 'audit order'), h('th', {}, ['paper']), sortHead('caller asks', 'caller', "sort by the caller's request"),
      sortHead('callee asks', 'callee', "sort by the callee's request"), sortHead('held', 'held-desc', 'guarantees held, most first'),
      sortHead('cost', 'cost', `${measureName()}, cheapest first`),
      ...G.map((g, gi) => {
        const th = h('th', { class: `g side-${g.side}${sortColumn === gi ? ' sorted' : ''}`, title: `${g.id} (${g.side}): ${g.title}\nneeds: ${g.needs}\nclick: broken first` }, [h('span', {}, [g.id])]);
        th.addEventListener('click', () => {
          sortColumn = sortColumn === gi ? null : gi;
          drawHeat();
        });
        return th;
      }),
    ]);
    const body = h('tbody');
    for (const c of rows) {
      const tr = h('tr', { class: `${c.paper === null ? '' : 'paper'}${picked.has(c.index) ? ' picked' : ''}`.trim(), 'data-combo': String(c.index), id: `combo-${c.index}` }, [
        h('td', { class: 'num' }, [String(c.index)]),
        h('td', {}, [c.paper === null ? '' : h('b', {}, [c.paper])]),
        h('td', { class: 'asks', title: `effective policy: ${asks(c.effective)}; ${c.pairs} pair${c.pairs === 1 ? '' : 's'}` }, [asks(c.caller)]),
        h('td', { class: 'asks' }, [asks(c.callee)]),
        h('td', { class: 'num' }, [`${heldCount(c)}/${G.length}`]),
        h('td', { class: 'num' }, [String(Math.round(costOf(c) * 100) / 100)]),
        ...c.cells.map((x, gi) => {
          const td = h('td', { class: `c ${x.s}${x.trace === undefined ? '' : ' link'}`, title: cellTip(c, gi), 'data-g': String(gi) }, [x.s === 'broken' ? '✗' : x.s === 'exhaustive' ? '∀' : '✓']);
          if (x.trace !== undefined) {
            td.dataset.trace = x.trace;
            td.tabIndex = 0;
            td.setAttribute('role', 'link');
          }
          return td;
        }),
      ]);
      body.append(tr);
    }
    heat.append(h('thead', {}, [group, heads]), body);
    const count = document.getElementById('heat-count');
    if (count !== null) count.textContent = `showing ${rows.length} of ${data.combinations.length} combinations`;
  };
  heat.addEventListener('click', (ev) => {
    const td = /** @type {HTMLElement} */ (ev.target).closest('td.link');
    if (td instanceof HTMLElement && td.dataset.trace !== undefined) openWitness(td.dataset.trace, true);
  });
  heat.addEventListener('keydown', (ev) => {
    const td = /** @type {HTMLElement} */ (ev.target);
    if ((ev.key === 'Enter' || ev.key === ' ') && td.dataset?.trace !== undefined) {
      ev.preventDefault();
      openWitness(td.dataset.trace, true);
    }
  });

  // ---- heat map controls ----
  const heatControls = /** @type {HTMLElement} */ (document.getElementById('heat-controls'));
  heatControls.append(h('b', {}, ['Show: ']));
  const sortSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'sort', 'aria-label': 'sort' }, [
    h('option', { value: 'index' }, ['audit order']), h('option', { value: 'caller' }, ["caller's request"]), h('option', { value: 'callee' }, ["callee's request"]),
    h('option', { value: 'held-desc' }, ['guarantees held, most first']), h('option', { value: 'held-asc' }, ['guarantees held, fewest first']), h('option', { value: 'cost' }, ['cost, cheapest first']),
  ]));
  sortSelect.addEventListener('change', () => {
    sortKey = sortSelect.value;
    sortColumn = null;
    drawHeat();
  });
  const syncControls = () => {
    sortSelect.value = sortKey;
  };
  /** @param {string} side @param {string[]} keys @param {Record<string, 0 | 1 | -1>} wants */
  const chips = (side, keys, wants) =>
    h('span', { class: 'chips' }, [
      `${side} asks: `,
      ...keys.map((k) => {
        const b = h('button', { type: 'button', class: 'chip', 'data-side': side, 'data-code': k, title: `${k}: click to require it, again to exclude it, again for either` }, [k]);
        b.addEventListener('click', () => {
          wants[k] = wants[k] === 0 ? 1 : wants[k] === 1 ? -1 : 0;
          b.className = `chip${wants[k] === 1 ? ' on' : wants[k] === -1 ? ' off' : ''}`;
          drawAll();
        });
        return b;
      }),
    ]);
  const paperBox = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'paper-only' }));
  paperBox.addEventListener('change', () => {
    paperOnly = paperBox.checked;
    drawAll();
  });
  heatControls.append(
    h('label', {}, ['sort by ', sortSelect]), chips('caller', CALLER_CODES, callerWants), chips('callee', CALLEE_CODES, calleeWants),
    h('label', {}, [paperBox, ' Low and High only']), h('span', { id: 'heat-count', class: 'count' }),
  );

  // ---- plot ----
  const plotControls = /** @type {HTMLElement} */ (document.getElementById('plot-controls'));
  const measureSelect = /** @type {HTMLSelectElement} */ (h('select', { id: 'measure', 'aria-label': 'cost measure' }, [
    h('option', { value: 'weighted' }, ['weighted total of every cost column']),
    ...data.costFields.map((f) => h('option', { value: f.key }, [f.head])),
  ]));
  const weightBox = h('details', { class: 'weights' }, [
    h('summary', {}, ['weights of the total']),
    ...data.costFields.map((f) => {
      const inp = /** @type {HTMLInputElement} */ (h('input', { type: 'number', min: '0', step: '0.5', value: '1', 'data-field': f.key }));
      inp.addEventListener('input', () => {
        weights[f.key] = Math.max(0, Number(inp.value) || 0);
        drawAll();
      });
      return h('label', {}, [`${f.head} `, inp]);
    }),
  ]);
  measureSelect.addEventListener('change', () => {
    measure = measureSelect.value;
    drawAll();
  });
  plotControls.append(h('label', {}, ['x axis: ', measureSelect]), weightBox);

  /**
   * The Pareto front: combinations no other beats, where d beats c when it costs no more and
   * holds every guarantee c holds, and costs less or holds more. So each set of guarantees
   * is represented by its cheapest policy, unless a policy as cheap holds more.
   * @param {Combo[]} combos
   */
  const paretoFront = (combos) => {
    const held = combos.map((c) => c.cells.map((x) => x.s !== 'broken'));
    return combos.filter((c, i) => !combos.some((d, j) => {
      if (j === i) return false;
      const cd = costOf(d);
      const cc = costOf(c);
      if (cd > cc) return false;
      const superset = held[i].every((x, k) => !x || held[j][k]);
      const more = held[j].some((x, k) => x && !held[i][k]);
      return superset && (cd < cc || more);
    }));
  };

  const plotArea = /** @type {HTMLElement} */ (document.getElementById('plot-area'));
  const drawPlot = () => {
    const combos = data.combinations.filter(visible);
    const front = new Set(paretoFront(combos).map((c) => c.index));
    const W = 760, H = 440, L = 56, R = 24, T = 34, B = 46;
    const xs = combos.map(costOf);
    const xMax = Math.max(1, ...xs);
    const yMax = G.length;
    const X = (/** @type {number} */ v) => L + (v / xMax) * (W - L - R);
    const Y = (/** @type {number} */ v) => H - B - (v / yMax) * (H - T - B);
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'plot', role: 'img', 'aria-label': `${measureName()} against guarantees held` });
    // Axes and grid.
    for (let y = 0; y <= yMax; y += 3) {
      svg.append(s('line', { x1: L, x2: W - R, y1: Y(y), y2: Y(y), class: 'grid' }), s('text', { x: L - 8, y: Y(y) + 4, class: 'tick', 'text-anchor': 'end' }, [String(y)]));
    }
    const step = Math.max(1, Math.ceil(xMax / 10 / 5) * 5);
    for (let x = 0; x <= xMax; x += step) svg.append(s('line', { x1: X(x), x2: X(x), y1: T, y2: H - B, class: 'grid' }), s('text', { x: X(x), y: H - B + 16, class: 'tick', 'text-anchor': 'middle' }, [String(x)]));
    svg.append(
      s('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }), s('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' }),
      s('text', { x: (L + W - R) / 2, y: H - 8, class: 'label', 'text-anchor': 'middle' }, [`${measureName()} of one call round trip (cheaper ←)`]),
      s('text', { x: 14, y: (T + H - B) / 2, class: 'label', 'text-anchor': 'middle', transform: `rotate(-90 14 ${(T + H - B) / 2})` }, [`guarantees held (of ${yMax})`]),
    );
    // The front as a staircase: the most guarantees held at each cost or less.
    const fr = combos.filter((c) => front.has(c.index)).sort((a, b) => costOf(a) - costOf(b) || heldCount(a) - heldCount(b));
    let best = -1;
    /** @type {string[]} */
    const path = [];
    for (const c of fr) {
      const hc = heldCount(c);
      if (hc <= best) continue;
      if (best >= 0) path.push(`H${X(costOf(c))}`);
      path.push(`${path.length === 0 ? 'M' : 'V'}${best < 0 ? `${X(costOf(c))},${Y(hc)}` : Y(hc)}`);
      best = hc;
    }
    if (path.length > 0) svg.append(s('path', { d: `${path.join(' ')} H${W - R}`, class: 'front-line' }));
    // Points: one marker per distinct (cost, held) position, sized by how many combinations sit there.
    /** @type {Map<string, Combo[]>} */
    const spots = new Map();
    for (const c of combos) {
      const k = `${costOf(c)}|${heldCount(c)}`;
      spots.set(k, [...(spots.get(k) ?? []), c]);
    }
    for (const group of spots.values()) {
      const c0 = group[0];
      const onFront = group.filter((c) => front.has(c.index));
      const paper = group.filter((c) => c.paper !== null);
      const r = 3 + Math.min(7, Math.sqrt(group.length) * 1.6);
      const tip = `${measureName()} ${Math.round(costOf(c0) * 100) / 100}, ${heldCount(c0)} guarantees held\n` +
        group.slice(0, 12).map((c) => `#${c.index} ${c.name}${front.has(c.index) ? ' (Pareto front)' : ''}${c.paper === null ? '' : ` — ${c.paper}`}`).join('\n') +
        (group.length > 12 ? `\n… and ${group.length - 12} more` : '') + '\nclick: mark these rows in the heat map';
      const dot = s('circle', {
        cx: X(costOf(c0)), cy: Y(heldCount(c0)), r, class: `pt${onFront.length > 0 ? ' front' : ''}${group.some((c) => picked.has(c.index)) ? ' picked' : ''}`,
        'data-combos': group.map((c) => c.index).join(' '),
      }, [s('title', {}, [tip])]);
      dot.addEventListener('click', () => {
        picked = new Set(group.map((c) => c.index));
        drawAll();
        document.getElementById(`combo-${group[0].index}`)?.scrollIntoView({ block: 'center' });
      });
      svg.append(dot);
      for (const p of paper) {
        const x = X(costOf(p));
        const y = Y(heldCount(p));
        // High sits high: its label goes above; Low's below. Near the right edge the label ends at the point.
        const above = heldCount(p) > yMax / 2;
        const ty = above ? y - r - 8 : y + r + 16;
        const anchor = x > W - R - 60 ? 'end' : x < L + 60 ? 'start' : 'middle';
        svg.append(
          s('line', { x1: x, y1: above ? y - r : y + r, x2: x, y2: above ? ty + 3 : ty - 12, class: 'callout' }),
          s('text', { x, y: ty, class: 'paper-label', 'text-anchor': anchor, 'data-paper': String(p.paper) }, [`${p.paper} (#${p.index})`]),
        );
      }
    }
    plotArea.textContent = '';
    plotArea.append(svg);
    const caption = document.getElementById('plot-caption');
    if (caption !== null) {
      const fc = combos.filter((c) => front.has(c.index));
      caption.textContent =
        `Each point is the combinations at one (cost, guarantees held) position, larger where more sit together; orange ones are on the Pareto front (${fc.length} of the ${combos.length} combinations shown): ` +
        'no other combination costs as little or less and holds every guarantee it holds and more. The line is the most guarantees held at each cost. ' +
        'Low and High are paper Figure 5’s policies. Filters above apply here too.';
    }
  };

  const drawAll = () => {
    drawHeat();
    drawPlot();
  };
  drawAll();

  const fromHash = () => {
    const m = /^#witness=(w\d+)$/.exec(location.hash);
    if (m !== null) openWitness(m[1], true);
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.body.dataset.ready = 'true';
})();
