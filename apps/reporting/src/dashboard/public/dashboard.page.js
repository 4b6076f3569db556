/* global document, window, sessionStorage, fetch */
// The page's DOM edge: fetches the reporting API with the typed token and draws what the view model
// computes. Every string from the API reaches the page through textContent or the canvas, never HTML.
import {
  costLabel,
  DASHBOARD_WINDOWS,
  describeFailure,
  microUsdToUsd,
  onlyUnpriced,
  percentLabel,
  readBudgets,
  readMix,
  readSpend,
  spendChart,
  unpricedNote,
  windowQuery,
} from '/dashboard/assets/dashboard.view-model.js';

const TOKEN_KEY = 'kt.reporting.token';
const WINDOW_KEY = 'kt.dashboard.window';
const PALETTE = { openai: '#10a37f', azure: '#0078d4', anthropic: '#d97757' };
const SPARE = ['#6b46c1', '#d69e2e', '#319795', '#e53e3e', '#718096', '#38a169', '#dd6b20'];
const charts = new Map();
// Each load takes a ticket; a slower, older answer (after a quick window switch) is dropped.
let latestLoad = 0;

class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const byId = (id) => document.getElementById(id);

// Colour by name, so a provider keeps its colour across both charts and every reload.
function colour(provider) {
  let hash = 0;
  for (const ch of provider) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[provider] ?? SPARE[hash % SPARE.length];
}

function chosenWindow() {
  const stored = sessionStorage.getItem(WINDOW_KEY);
  return DASHBOARD_WINDOWS.includes(stored) ? stored : '30d';
}

async function getJson(path, token) {
  const res = await fetch(path, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  const body = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiFailure(res.status, describeFailure(res.status, body, res.headers.get('retry-after')));
  return body;
}

function showError(message) {
  const error = byId('error');
  error.textContent = message;
  error.hidden = message === '';
}

function setState(state, status) {
  document.body.dataset.state = state;
  byId('status').textContent = status;
}

function showSignIn(signedIn) {
  byId('sign-in').hidden = signedIn;
  byId('window-form').hidden = !signedIn;
  byId('sign-out').hidden = !signedIn;
  if (!signedIn) {
    byId('report').hidden = true;
    byId('token').focus();
  }
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

function fillTable(id, items, renderRow) {
  const body = byId(id).querySelector('tbody');
  body.replaceChildren(
    ...items.map((item) => {
      const tr = document.createElement('tr');
      renderRow(tr, item);
      return tr;
    }),
  );
  byId(id).hidden = items.length === 0;
}

// The unpriced figure beside a chart: what no price covered is said, never drawn as a $0 cost.
function showNote(id, totals) {
  const note = unpricedNote(totals);
  byId(id).textContent = note === '' ? '' : `${note} (no price known: not in the cost figures)`;
  byId(id).hidden = note === '';
}

const sumUnpriced = (items) =>
  items.reduce(
    (sum, i) => ({
      unpricedRequests: sum.unpricedRequests + i.unpricedRequests,
      unpricedTokens: sum.unpricedTokens + i.unpricedTokens,
    }),
    { unpricedRequests: 0n, unpricedTokens: 0n },
  );

function draw(id, config) {
  charts.get(id)?.destroy();
  const chart = new window.Chart(byId(id), config);
  charts.set(id, chart);
}

function renderSpend(spend) {
  const view = spendChart(spend);
  showNote('spend-unpriced', spend.totals);
  byId('spend-empty').hidden = view.totals.length > 0;
  byId('spend-chart').parentElement.hidden = view.totals.length === 0;
  draw('spend-chart', {
    type: 'bar',
    data: {
      labels: view.labels,
      datasets: view.series.map((s) => ({
        label: s.provider,
        data: s.usd,
        backgroundColor: colour(s.provider),
        stack: 'spend',
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'USD' } } },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y.toFixed(6)} USD` } },
      },
    },
  });
  fillTable('spend-table', view.totals, (tr, t) => {
    cell(tr, t.provider);
    cell(tr, t.requests.toString(), 'num');
    cell(tr, costLabel(t), 'num');
    cell(tr, unpricedNote(t));
  });
}

function renderMix(mix) {
  byId('mix-empty').hidden = mix.length > 0;
  byId('mix-chart').parentElement.hidden = mix.length === 0;
  showNote('mix-unpriced', sumUnpriced(mix));
  draw('mix-chart', {
    type: 'bar',
    data: {
      labels: ['Requests', 'Tokens', 'Cost'],
      datasets: mix.map((p) => ({
        label: p.provider,
        // A provider with only unpriced traffic gets no cost bar at all, not a 0 % that reads as a price.
        data: [p.requestShare * 100, p.tokenShare * 100, onlyUnpriced(p) ? null : p.costShare * 100],
        backgroundColor: colour(p.provider),
      })),
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true, max: 100, title: { display: true, text: '%' } }, y: { stacked: true } },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.x.toFixed(2)} %` } },
      },
    },
  });
  fillTable('mix-table', mix, (tr, p) => {
    cell(tr, p.provider);
    cell(tr, p.requests, 'num');
    cell(tr, percentLabel(p.requestShare), 'num');
    cell(tr, p.tokens, 'num');
    cell(tr, percentLabel(p.tokenShare), 'num');
    cell(tr, costLabel(p), 'num');
    cell(tr, onlyUnpriced(p) ? 'unpriced' : percentLabel(p.costShare), 'num');
    cell(tr, unpricedNote(p));
  });
}

function renderBudgets(budgets) {
  byId('budgets-empty').hidden = budgets.length > 0;
  fillTable('budgets-table', budgets, (tr, b) => {
    cell(tr, b.label);
    cell(tr, b.period);
    cell(tr, b.action);
    cell(tr, microUsdToUsd(b.spentMicroUsd), 'num');
    cell(tr, microUsdToUsd(b.limitMicroUsd), 'num');
    const utilisation = cell(tr, '');
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('role', 'progressbar');
    bar.setAttribute('aria-label', `${b.label} utilisation`);
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', b.utilisationPct.toFixed(2));
    const fill = document.createElement('span');
    fill.className = `fill status-${b.status}`;
    fill.style.width = `${Math.min(100, b.utilisationPct)}%`;
    bar.append(fill);
    const label = document.createElement('span');
    label.className = 'utilisation';
    label.textContent = `${b.utilisationPct.toFixed(2)} %`;
    utilisation.append(bar, label);
    cell(tr, b.forecastMicroUsd === null ? '–' : microUsdToUsd(b.forecastMicroUsd), 'num');
    const status = cell(tr, '');
    const badge = document.createElement('span');
    badge.className = `badge status-${b.status}`;
    badge.textContent = b.status;
    status.append(badge);
    // Spent leaves unpriced traffic out: say how much of it the budget's scope holds.
    cell(tr, unpricedNote(b));
  });
}

async function load() {
  const ticket = ++latestLoad;
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    showSignIn(false);
    setState('signed-out', '');
    return;
  }
  showSignIn(true);
  const win = chosenWindow();
  setState('loading', `Loading the last ${win}…`);
  try {
    const [spend, mix, budgets] = await Promise.all([
      getJson(`/v1/spend?${windowQuery(win, { by: 'provider', interval: 'day' })}`, token),
      getJson(`/v1/spend/provider-mix?${windowQuery(win)}`, token),
      getJson('/v1/budgets', token),
    ]);
    if (ticket !== latestLoad) return;
    showError('');
    byId('report').hidden = false;
    const parsed = readSpend(spend);
    renderSpend(parsed);
    renderMix(readMix(mix));
    renderBudgets(readBudgets(budgets));
    const empty = parsed.rows.length === 0;
    setState(empty ? 'empty' : 'ready', `Last ${win}: ${parsed.since} to ${parsed.until} (UTC).`);
  } catch (err) {
    if (ticket !== latestLoad) return;
    const status = err instanceof ApiFailure ? err.status : 0;
    if (status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn(false);
    }
    showError(err instanceof Error ? err.message : String(err));
    setState(status === 401 ? 'unauthorised' : 'error', '');
  }
}

byId('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = byId('token').value.trim();
  if (token === '') return;
  sessionStorage.setItem(TOKEN_KEY, token);
  byId('token').value = '';
  void load();
});

byId('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showError('');
  void load();
});

byId('window-form').addEventListener('change', (event) => {
  sessionStorage.setItem(WINDOW_KEY, event.target.value);
  void load();
});

for (const input of document.querySelectorAll('input[name="window"]'))
  input.checked = input.value === chosenWindow();
void load();
