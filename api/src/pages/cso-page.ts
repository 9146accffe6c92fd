import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  NARRATIVE_THEMES,
  TARGET_STATUS_IDS,
  TARGETED_GROUP_IDS,
  TARGETED_GROUP_NAMES,
} from '@counterweight/shared/target';
import { Hono } from 'hono';
import { PAGE_BASE_CSS } from './page-base';
import { PAGE_CSP, securePage } from './page-csp';

/** The page's Content-Security-Policy: the one all of the API's pages share. */
export const CSO_CSP = PAGE_CSP;

const ASSETS = {
  'cso-board.js': 'text/javascript; charset=utf-8',
  'cso.css': 'text/css; charset=utf-8',
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const options = (entries: readonly { id: string; name: string }[]) =>
  entries.map((e) => `<option value="${escapeHtml(e.id)}">${escapeHtml(e.name)}</option>`).join('');

const THEME_OPTIONS = options(NARRATIVE_THEMES);
const GROUP_OPTIONS = options(
  TARGETED_GROUP_IDS.map((id) => ({ id, name: TARGETED_GROUP_NAMES[id] })),
);
const STATUS_OPTIONS = options(TARGET_STATUS_IDS.map((id) => ({ id, name: id })));

/** The page's HTML: structure and the taxonomy's option lists; the script fills in the rest. */
export function csoPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Counterweight: counter-narrative targets</title>
<link rel="stylesheet" href="${PAGE_BASE_CSS}">
<link rel="stylesheet" href="/cso/cso.css">
<script type="module" src="/cso/cso-board.js"></script>
</head>
<body>
<header class="site">
  <h1>Counterweight <span class="muted">counter-narrative targets</span></h1>
  <p class="lede">For civil-society teams: find targets worth answering, share them, record the response and what it achieved, and see where narratives against a group are rising. Nothing here feeds removal decisions.</p>
  <div id="session" class="session"></div>
</header>
<main>
<section id="signin" class="card" aria-labelledby="signin-title">
  <h2 id="signin-title">Sign in</h2>
  <form id="signin-form">
    <label for="token">CSO token</label>
    <input id="token" name="token" type="password" autocomplete="off" required>
    <button type="submit">Sign in</button>
  </form>
  <p class="hint">The token stays in this tab only (sessionStorage) and is sent to this server only.</p>
  <p id="signin-error" class="error" role="alert"></p>
</section>
<div id="app" hidden>
<section class="card" aria-labelledby="trends-title">
  <h2 id="trends-title">Weekly trends</h2>
  <p class="hint">Targets per week. A marked week exceeds the mean of the eight weeks before it by more than three standard deviations and has at least the minimum count below (one target after quiet weeks is no spike): a warning sign worth a human look. Each series has its own line pattern and marker as well as its colour.</p>
  <form id="trend-controls" class="filters">
    <label>From <input name="from" type="date"></label>
    <label>To <input name="to" type="date"></label>
    <fieldset class="inline"><legend>Group by</legend>
      <label><input type="checkbox" name="by" value="theme" checked> theme</label>
      <label><input type="checkbox" name="by" value="group" checked> group</label>
      <label><input type="checkbox" name="by" value="language" checked> language</label>
    </fieldset>
    <label>Minimum spike count <input name="minCount" type="number" min="1" max="100000" value="5"></label>
    <button type="submit">Show trends</button>
  </form>
  <div id="trend-chart" class="chart" role="img" aria-label="Weekly targets by series"></div>
  <ul id="trend-legend" class="legend"></ul>
  <h3>Spikes</h3>
  <ul id="spikes" class="spikes"></ul>
</section>
<section class="card" aria-labelledby="board-title">
  <h2 id="board-title">Targets board</h2>
  <form id="filters" class="filters">
    <label>Theme <select name="theme"><option value="">any</option>${THEME_OPTIONS}</select></label>
    <label>Group <select name="group"><option value="">any</option>${GROUP_OPTIONS}</select></label>
    <label>Language <input name="language" size="3" maxlength="2" pattern="[a-z]{2}" placeholder="en"></label>
    <label>Platform <input name="platform" size="12" placeholder="x.com"></label>
    <label>Status <select name="status"><option value="">any</option>${STATUS_OPTIONS}</select></label>
    <label>From <input name="from" type="date"></label>
    <label>To <input name="to" type="date"></label>
    <button type="submit">Apply</button>
    <button type="button" id="export-csv">Export CSV</button>
  </form>
  <p id="board-error" class="error" role="alert"></p>
  <p id="board-count" class="hint" aria-live="polite"></p>
  <ol id="board" class="board"></ol>
  <button type="button" id="more" hidden>Load more</button>
</section>
</div>
<template id="target-template">
  <li class="target">
    <div class="target-head">
      <strong class="reference"></strong>
      <span class="status"></span>
      <span class="facts"></span>
    </div>
    <blockquote class="excerpt"></blockquote>
    <p class="source">Source: <code class="url"></code> <span class="reach"></span></p>
    <details class="guidance"><summary>Do-no-harm guidance</summary><ul></ul></details>
    <p class="claim"></p>
    <ul class="responses"></ul>
    <ul class="outcomes"></ul>
    <div class="actions">
      <form class="claim-form"><input name="assignee" placeholder="team member (default: you)" maxlength="100"><button type="submit">Claim</button></form>
      <form class="response-form">
        <input name="url" type="url" required placeholder="https://… response post">
        <select name="kind"><option value="counter">counter-narrative</option><option value="alternative">alternative narrative</option></select>
        <input name="date" type="date" required>
        <button type="submit">Record response</button>
      </form>
      <form class="outcome-form">
        <select name="responseId" required></select>
        <input name="measuredOn" type="date" required>
        <input name="views" type="number" min="0" placeholder="views">
        <input name="reach" type="number" min="0" placeholder="reach">
        <input name="likes" type="number" min="0" placeholder="likes">
        <input name="shares" type="number" min="0" placeholder="shares">
        <input name="comments" type="number" min="0" placeholder="comments">
        <input name="constructiveReplies" type="number" min="0" placeholder="constructive replies">
        <button type="submit">Record outcome</button>
      </form>
      <form class="close-form">
        <select name="reason"><option value="answered">answered</option><option value="not_worth_answering">not worth answering</option><option value="amplification_risk">amplification risk</option><option value="duplicate">duplicate</option><option value="content_gone">content gone</option></select>
        <button type="submit">Close</button>
      </form>
    </div>
    <p class="error" role="alert"></p>
  </li>
</template>
</main>
</body>
</html>
`;
}

/** `GET /cso` and its two assets, under {@link CSO_CSP}. The page itself holds no data. */
export function csoPageRoutes() {
  const router = new Hono();
  const html = csoPageHtml();
  const cache = new Map<string, Promise<Buffer>>();
  const secure = (c: { header: (name: string, value: string) => void }) =>
    securePage(c, 'no-store');
  router.get('/cso', (c) => {
    secure(c);
    return c.html(html);
  });
  router.get('/cso/:asset{cso-board\\.js|cso\\.css}', async (c) => {
    const asset = c.req.param('asset') as keyof typeof ASSETS;
    let file = cache.get(asset);
    if (!file)
      cache.set(asset, (file = readFile(fileURLToPath(new URL(`./${asset}`, import.meta.url)))));
    secure(c);
    c.header('Content-Type', ASSETS[asset]);
    return c.body(new Uint8Array(await file));
  });
  return router;
}
