// @ts-check
// The CSO targets board. Plain ES module served as is under a strict CSP with Trusted Types
// required: every piece of data reaches the page through textContent, attributes or SVG nodes,
// never through HTML parsing.

const TOKEN_KEY = 'counterweight.cso.token';
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#1b6ca8', '#c2410c', '#15803d', '#7c3aed', '#b45309', '#0f766e'];

/** @param {string} selector @param {ParentNode} [root] @returns {any} */
const $ = (selector, root = document) => root.querySelector(selector);

/** @param {string} tag @param {Record<string, string>} [attrs] @param {unknown} [text] */
function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** @param {string} tag @param {Record<string, string | number>} [attrs] */
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

class ApiFailure extends Error {
  /** @param {number} status @param {any} body */
  constructor(status, body) {
    const issues = Array.isArray(body?.issues)
      ? body.issues.map((/** @type {any} */ i) => `${i.path}: ${i.message}`)
      : [];
    super(
      [typeof body?.message === 'string' ? body.message : `HTTP ${status}`, ...issues].join(' — '),
    );
    this.status = status;
  }
}

/** Calls this server's API with the session's token. @param {string} path @param {{method?: string, body?: unknown}} [init] */
async function api(path, init = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const body = isJson ? await response.json() : await response.blob();
  if (response.status === 401) signOut('The token is no longer valid: sign in again.');
  if (!response.ok) throw new ApiFailure(response.status, body);
  return body;
}

// ---- names from the server-rendered option lists ----

/** @param {string} select @param {string | null} id */
function optionName(select, id) {
  if (id === null) return 'all';
  for (const option of document.querySelectorAll(`${select} option`))
    if (option.getAttribute('value') === id) return option.textContent ?? id;
  return id;
}
const themeName = (/** @type {string | null} */ id) =>
  optionName('#filters select[name=theme]', id);
const groupName = (/** @type {string | null} */ id) =>
  optionName('#filters select[name=group]', id);
const seriesName = (/** @type {any} */ s) =>
  `${themeName(s.theme)} × ${groupName(s.group)} × ${s.language ?? 'all languages'}`;

// ---- session ----

/** @param {string} [message] */
function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('#app').hidden = true;
  $('#signin').hidden = false;
  $('#session').replaceChildren();
  $('#signin-error').textContent = message ?? '';
}

async function signIn() {
  const me = await api('/v1/me');
  if (me.role !== 'cso') {
    signOut(`This page is for CSO teams; this token's role is ${me.role}.`);
    return;
  }
  $('#signin').hidden = true;
  $('#app').hidden = false;
  const out = el('button', { type: 'button', id: 'signout' }, 'Sign out');
  out.addEventListener('click', () => signOut());
  $('#session').replaceChildren(
    el('span', {}, `Signed in as ${me.name ?? 'CSO team member'} `),
    out,
  );
  await Promise.all([loadBoard(true), loadTrends()]);
}

// ---- board ----

/** @type {{ cursor: string | null, shown: number }} */
const board = { cursor: null, shown: 0 };

function filterQuery() {
  const form = new FormData($('#filters'));
  const query = new URLSearchParams();
  for (const name of ['theme', 'group', 'language', 'platform', 'status']) {
    const value = String(form.get(name) ?? '').trim();
    if (value) query.set(name, value);
  }
  const from = String(form.get('from') ?? '');
  const to = String(form.get('to') ?? '');
  if (from) query.set('from', `${from}T00:00:00Z`);
  if (to) query.set('to', new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString());
  return query;
}

/** @param {boolean} reset */
async function loadBoard(reset) {
  const query = filterQuery();
  query.set('limit', '20');
  if (!reset && board.cursor) query.set('cursor', board.cursor);
  $('#board-error').textContent = '';
  try {
    const page = await api(`/v1/targets?${query}`);
    if (reset) {
      $('#board').replaceChildren();
      board.shown = 0;
    }
    for (const target of page.items) $('#board').append(renderTarget(target));
    board.shown += page.items.length;
    board.cursor = page.nextCursor;
    $('#more').hidden = !page.nextCursor;
    $('#board-count').textContent =
      `${board.shown} target${board.shown === 1 ? '' : 's'} shown${page.nextCursor ? ' (more available)' : ''}`;
  } catch (error) {
    $('#board-error').textContent = error instanceof Error ? error.message : String(error);
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** Fills the target template with one target. @param {any} t @returns {HTMLElement} */
function renderTarget(t) {
  const item = /** @type {HTMLElement} */ (
    $('#target-template').content.firstElementChild.cloneNode(true)
  );
  item.dataset.targetId = t.id;
  item.dataset.status = t.status;
  $('.reference', item).textContent = t.reference;
  $('.status', item).textContent = t.status;
  $('.status', item).className = `status status-${t.status}`;
  $('.facts', item).textContent =
    `${themeName(t.theme)} · ${groupName(t.group)} · ${t.language} · ${t.platform} · captured ${t.capturedAt.slice(0, 16).replace('T', ' ')}`;
  $('.excerpt', item).textContent = t.excerpt;
  $('.url', item).textContent = t.url;
  const reach = [
    t.reach.views !== undefined ? `${t.reach.views} views` : '',
    t.reach.shares !== undefined ? `${t.reach.shares} shares` : '',
  ].filter(Boolean);
  $('.reach', item).textContent = reach.length ? `(${reach.join(', ')})` : '';
  $('.guidance ul', item).replaceChildren(
    ...t.guidance.points.map((/** @type {string} */ p) => el('li', {}, p)),
  );
  $('.claim', item).textContent = t.claim
    ? `Claimed by ${t.claim.assignee} on ${t.claim.claimedAt.slice(0, 10)}`
    : 'Not claimed yet';
  $('.responses', item).replaceChildren(
    ...t.responses.map((/** @type {any} */ r) =>
      el(
        'li',
        {},
        `${r.kind === 'counter' ? 'Counter-narrative' : 'Alternative narrative'} of ${r.date}: ${r.url}`,
      ),
    ),
  );
  $('.outcomes', item).replaceChildren(
    ...t.outcomes.map((/** @type {any} */ o) => {
      const figures = Object.entries({
        ...o.figures.awareness,
        ...o.figures.engagement,
        ...o.figures.impact,
      })
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `${k} ${v}`);
      return el('li', {}, `Outcome measured ${o.measuredOn}: ${figures.join(', ')}`);
    }),
  );
  const responseSelect = $('.outcome-form select[name=responseId]', item);
  responseSelect.replaceChildren(
    ...t.responses.map((/** @type {any} */ r) =>
      el('option', { value: r.id }, `${r.kind} ${r.date}`),
    ),
  );
  for (const input of item.querySelectorAll('input[type=date]'))
    /** @type {HTMLInputElement} */ (input).value = today();

  const closed = t.status === 'closed';
  $('.claim-form', item).hidden = closed || t.status === 'responded';
  $('.response-form', item).hidden = closed || t.status === 'open';
  $('.outcome-form', item).hidden = closed || t.status !== 'responded';
  $('.close-form', item).hidden = closed;

  /** @param {string} selector @param {(form: FormData) => [string, unknown]} request */
  const action = (selector, request) =>
    $(selector, item).addEventListener('submit', async (/** @type {SubmitEvent} */ event) => {
      event.preventDefault();
      const [step, body] = request(new FormData(/** @type {HTMLFormElement} */ (event.target)));
      try {
        const updated = await api(`/v1/targets/${t.id}/${step}`, { method: 'POST', body });
        item.replaceWith(renderTarget(updated));
      } catch (error) {
        $(':scope > .error', item).textContent =
          error instanceof Error ? error.message : String(error);
      }
    });
  action('.claim-form', (f) => [
    'claim',
    String(f.get('assignee') ?? '').trim() ? { assignee: String(f.get('assignee')).trim() } : {},
  ]);
  action('.response-form', (f) => [
    'responses',
    { url: f.get('url'), kind: f.get('kind'), date: f.get('date') },
  ]);
  action('.outcome-form', (f) => {
    const n = (/** @type {string} */ name) =>
      String(f.get(name) ?? '') === '' ? undefined : Number(f.get(name));
    const figures = {
      awareness: { views: n('views'), reach: n('reach') },
      engagement: { likes: n('likes'), shares: n('shares'), comments: n('comments') },
      impact: { constructiveReplies: n('constructiveReplies') },
    };
    return [
      'outcomes',
      {
        responseId: f.get('responseId'),
        measuredOn: f.get('measuredOn'),
        figures: JSON.parse(JSON.stringify(figures)),
      },
    ];
  });
  action('.close-form', (f) => ['close', { reason: f.get('reason') }]);
  return item;
}

// ---- trends ----

/** The trends query from the controls: date range, grouping and the minimum spike count. */
function trendsQuery() {
  const form = new FormData($('#trend-controls'));
  const params = new URLSearchParams();
  const from = String(form.get('from') ?? '');
  const to = String(form.get('to') ?? '');
  if (from) params.set('from', `${from}T00:00:00Z`);
  if (to) params.set('to', `${to}T23:59:59Z`);
  const by = form.getAll('by').map(String);
  params.set('by', (by.length ? by : ['theme', 'group', 'language']).join(','));
  params.set('minCount', String(form.get('minCount') || 5));
  return params.toString();
}

async function loadTrends() {
  const chart = $('#trend-chart');
  try {
    const trends = await api(`/v1/targets/trends?${trendsQuery()}`);
    drawTrends(trends);
  } catch (error) {
    chart.replaceChildren(
      el('p', { class: 'error' }, error instanceof Error ? error.message : String(error)),
    );
  }
}

/** Line patterns and point markers: each series is told apart by more than its colour. */
const DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 4', '1 5'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'bar'];

/** A small marker shape of kind `kind` centred on (cx, cy). @param {string} kind @param {number} cx @param {number} cy @param {string} color */
function marker(kind, cx, cy, color) {
  const r = 3.5;
  const attrs = { fill: color, stroke: color, class: `marker marker-${kind}` };
  switch (kind) {
    case 'square':
      return svg('rect', { ...attrs, x: cx - r, y: cy - r, width: 2 * r, height: 2 * r });
    case 'triangle':
      return svg('polygon', {
        ...attrs,
        points: `${cx},${cy - r} ${cx + r},${cy + r} ${cx - r},${cy + r}`,
      });
    case 'diamond':
      return svg('polygon', {
        ...attrs,
        points: `${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`,
      });
    case 'cross':
      return svg('path', {
        ...attrs,
        fill: 'none',
        'stroke-width': 2,
        d: `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`,
      });
    case 'bar':
      return svg('rect', { ...attrs, x: cx - 1.5, y: cy - r, width: 3, height: 2 * r });
    default:
      return svg('circle', { ...attrs, cx, cy, r });
  }
}

/** A line per series (the six largest) with its own colour, dash pattern and marker; spikes ringed and listed below. @param {any} trends */
function drawTrends(trends) {
  const width = 720;
  const height = 240;
  const pad = { left: 36, right: 12, top: 12, bottom: 28 };
  const series = trends.series.slice(0, PALETTE.length);
  const max = Math.max(
    1,
    ...series.flatMap((/** @type {any} */ s) => s.points.map((/** @type {any} */ p) => p.count)),
  );
  const weeks = trends.weeks;
  const x = (/** @type {number} */ i) =>
    pad.left + (weeks.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (weeks.length - 1));
  const y = (/** @type {number} */ v) =>
    height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;

  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'trend-svg' });
  root.append(
    svg('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis' }),
  );
  for (const v of [0, max]) {
    const label = svg('text', {
      x: pad.left - 6,
      y: y(v) + 4,
      'text-anchor': 'end',
      class: 'tick',
    });
    label.textContent = String(v);
    root.append(label);
  }
  weeks.forEach((/** @type {string} */ week, /** @type {number} */ i) => {
    if (i % Math.ceil(weeks.length / 6) !== 0) return;
    const label = svg('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'tick' });
    label.textContent = week.slice(5);
    root.append(label);
  });
  series.forEach((/** @type {any} */ s, /** @type {number} */ k) => {
    const color = PALETTE[k] ?? '#333';
    const line = svg('polyline', {
      points: s.points
        .map((/** @type {any} */ p, /** @type {number} */ i) => `${x(i)},${y(p.count)}`)
        .join(' '),
      fill: 'none',
      stroke: color,
      'stroke-width': 2,
      'stroke-dasharray': DASHES[k] ?? '',
      class: 'series',
      'data-series': String(k),
    });
    root.append(line);
    s.points.forEach((/** @type {any} */ p, /** @type {number} */ i) => {
      root.append(marker(MARKERS[k] ?? 'circle', x(i), y(p.count), color));
      if (!p.spike) return;
      const mark = svg('circle', {
        cx: x(i),
        cy: y(p.count),
        r: 7,
        class: 'spike-mark',
        'data-week': p.week,
      });
      const title = svg('title');
      title.textContent = `Spike: ${seriesName(s)}, week of ${p.week}: ${p.count}`;
      mark.append(title);
      root.append(mark);
    });
  });
  $('#trend-chart').replaceChildren(root);
  $('#trend-legend').replaceChildren(
    ...series.map((/** @type {any} */ s, /** @type {number} */ k) => {
      const item = el('li', {}, `${seriesName(s)} (${s.total})`);
      // the legend shows each series' pattern and marker, not only its colour
      const sample = svg('svg', {
        viewBox: '0 0 36 12',
        width: '36',
        height: '12',
        class: 'sample',
        'aria-hidden': 'true',
      });
      const color = PALETTE[k] ?? '#333';
      sample.append(
        svg('line', {
          x1: 0,
          y1: 6,
          x2: 36,
          y2: 6,
          stroke: color,
          'stroke-width': 2,
          'stroke-dasharray': DASHES[k] ?? '',
        }),
        marker(MARKERS[k] ?? 'circle', 18, 6, color),
      );
      item.prepend(sample);
      item.dataset.marker = MARKERS[k] ?? 'circle';
      return item;
    }),
  );
  $('#spikes').replaceChildren(
    ...(trends.spikes.length
      ? trends.spikes.map((/** @type {any} */ s) =>
          el('li', { class: 'spike' }, `Week of ${s.week}: ${seriesName(s)}: ${s.count} targets`),
        )
      : [
          el(
            'li',
            { class: 'none' },
            `No spikes in these weeks (at least ${trends.minCount} targets and 3σ above the baseline).`,
          ),
        ]),
  );
}

// ---- wiring ----

async function exportCsv() {
  try {
    const blob = await api(`/v1/targets.csv?${filterQuery()}`);
    const link = el('a', {
      href: URL.createObjectURL(blob),
      download: 'counterweight-targets.csv',
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.getAttribute('href') ?? ''), 10_000);
  } catch (error) {
    $('#board-error').textContent = error instanceof Error ? error.message : String(error);
  }
}

function start() {
  $('#signin-form').addEventListener('submit', async (/** @type {SubmitEvent} */ event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, String($('#token').value).trim());
    $('#token').value = '';
    await signIn().catch((error) =>
      signOut(error instanceof Error ? error.message : String(error)),
    );
  });
  $('#filters').addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
    event.preventDefault();
    void loadBoard(true);
  });
  $('#trend-controls').addEventListener('submit', (/** @type {SubmitEvent} */ event) => {
    event.preventDefault();
    void loadTrends();
  });
  $('#more').addEventListener('click', () => void loadBoard(false));
  $('#export-csv').addEventListener('click', () => void exportCsv());
  if (sessionStorage.getItem(TOKEN_KEY))
    void signIn().catch((error) => signOut(error instanceof Error ? error.message : String(error)));
}

start();
