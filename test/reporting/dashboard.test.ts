import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEvent } from '@kt/contracts';
import { listenPort } from '../support/listen.port.js';
import { sampleRouteEvent } from '../support/route-event.fixture.js';
import {
  asMessage,
  createDatabase,
  createTopics,
  eventually,
  produce,
  testKafka,
} from '../ledger/ledger.fixture.js';
import { kafkaBrokers } from '../setup/infra.js';
import { readOnlyLogin } from './reporting.fixture.js';
import { ServiceProcess } from '../support/service.process.js';
import { ledgerAuth, TEST_LEDGER_TOKENS } from '../support/service.credentials.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = join(root, '.kt/test-artifacts/dashboard.png');
const CHROMIUM = process.env.KT_CHROMIUM ?? '/usr/bin/chromium';
const FINANCE = `dash-finance-${randomUUID()}`;
const ADMIN = `dash-admin-${randomUUID()}`;

/**
 * Known traffic: shares come out exact (4/2/2 of 12 requests, 10/15/25 % of tokens, 10/30/60 % of
 * cost). Beside it, 2 Bedrock requests no price covered (1,000 tokens, half of all) and 2 requests
 * the gateway rejected: the page must show the first as "unpriced", the second as "(rejected)".
 */
const TRAFFIC = [
  { provider: 'openai', count: 4, input: 40, output: 10, micro: 250_001n },
  { provider: 'azure', count: 2, input: 100, output: 50, micro: 1_500_003n },
  { provider: 'anthropic', count: 2, input: 200, output: 50, micro: 3_000_007n },
] as const;
const TRUTH = {
  openai: {
    requests: '4',
    tokens: '200',
    usd: '1.000004',
    requestShare: '33.33 %',
    tokenShare: '10.00 %',
    costShare: '10.00 %',
  },
  azure: {
    requests: '2',
    tokens: '300',
    usd: '3.000006',
    requestShare: '16.67 %',
    tokenShare: '15.00 %',
    costShare: '30.00 %',
  },
  anthropic: {
    requests: '2',
    tokens: '500',
    usd: '6.000014',
    requestShare: '16.67 %',
    tokenShare: '25.00 %',
    costShare: '60.00 %',
  },
} as const;
const TOTAL_MICRO = '10000024';

function knownTraffic(team: string): RouteEvent[] {
  // Inside the current UTC month and the last hour, so every window and the monthly budget hold all of it.
  const now = Date.now();
  const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
  const start = Math.max(monthStart, now - 3_600_000);
  let n = 0;
  const event = (): Pick<RouteEvent, 'event_id' | 'request_id' | 'occurred_at' | 'caller'> => {
    n += 1;
    return {
      event_id: randomUUID(),
      request_id: `${team}-${n}`,
      occurred_at: new Date(start + n * 1_000).toISOString(),
      caller: { key_id: `key-${team}`, team },
    };
  };
  const priced = TRAFFIC.flatMap(({ provider, count, input, output, micro }) =>
    Array.from({ length: count }, () =>
      sampleRouteEvent({
        ...event(),
        served: { target: `${provider}-main`, provider, upstream_model: `${provider}-model` },
        usage: { input_tokens: input, output_tokens: output, total_tokens: input + output },
        cost: { micro_usd: String(micro), currency: 'USD', priced_by: 'catalog' },
      }),
    ),
  );
  const unpriced = [1, 2].map(() =>
    sampleRouteEvent({
      ...event(),
      served: { target: 'bedrock-main', provider: 'bedrock', upstream_model: 'bedrock-model' },
      usage: { input_tokens: 400, output_tokens: 100, total_tokens: 500 },
      cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
    }),
  );
  const rejected = [1, 2].map((): RouteEvent => ({
    ...sampleRouteEvent(),
    ...event(),
    type: 'route.rejected',
    attempts: [],
    served: null,
    status: 404,
    error_code: 'model_not_found',
    usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    cost: { micro_usd: '0', currency: 'USD', priced_by: 'unpriced' },
  }));
  return [...priced, ...unpriced, ...rejected];
}

async function openBrowser(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Cell texts of a table's body, row by row. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  const rows = await page.locator(`#${id} tbody tr`).all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('td').allTextContents()).map((t) => t.trim())),
  );
}

/** The few browser globals the page functions below touch (the repo compiles without the DOM lib). */
interface PageGlobals {
  readonly document: {
    getElementById(id: string): unknown;
    readonly body: { readonly dataset: Readonly<Record<string, string | undefined>> };
  };
  readonly sessionStorage: { getItem(key: string): string | null };
  readonly Chart: {
    getChart(canvas: unknown): { data: { datasets: { label: string; data: number[] }[] } } | undefined;
  };
}
interface Canvas {
  readonly width: number;
  readonly height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

describe('the finance dashboard in headless Chromium', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `kt.route-events.dash-${run}`;
  const team = `dash-${run}`;
  let db: { url: string; drop(): Promise<void> } | undefined;
  let ledger: ServiceProcess | undefined;
  let reporting: ServiceProcess | undefined;
  let userData: string | undefined;
  let browser: BrowserContext | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    db = await createDatabase('kt_dash');
    const kafka = testKafka();
    await createTopics(kafka, [topic, `${topic}.dlt`]);
    const ledgerPort = await listenPort();
    ledger = await ServiceProcess.start('ledger', ledgerPort, {
      PATH: process.env.PATH,
      LEDGER_PORT: String(ledgerPort),
      KAFKA_BROKERS: kafkaBrokers(),
      DATABASE_URL: db.url,
      LEDGER_TOPIC: topic,
      LEDGER_DEAD_LETTER_TOPIC: `${topic}.dlt`,
      LEDGER_CONSUMER_GROUP: `kt-ledger-dash-${run}`,
      KT_LEDGER_BUDGET_GROUP: `kt-ledger-budgets-dash-${run}`,
      KT_LEDGER_BUDGET_RECHECK_MS: '500',
      LEDGER_TOKENS: TEST_LEDGER_TOKENS,
    });
    const port = await listenPort();
    reporting = await ServiceProcess.start('reporting', port, {
      PATH: process.env.PATH,
      REPORTING_PORT: String(port),
      KAFKA_BROKERS: kafkaBrokers(),
      DATABASE_URL: await readOnlyLogin(db.url),
      REPORTING_TOKENS: `finance:fin:${FINANCE},admin:ops:${ADMIN}`,
      REPORTING_ROUTE_TOPIC: topic,
    });

    // The ledger answers 503 until it has read the shared budget topic from its start.
    const budget = JSON.stringify({
      scope_kind: 'team',
      scope_value: team,
      period: 'monthly',
      limit_usd: '40',
      action: 'alert',
    });
    const defined = await eventually(
      () =>
        fetch(`${ledger?.url}/v1/budgets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...ledgerAuth('admin') },
          body: budget,
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      (r) => r.status !== 503,
      90_000,
    );
    expect(defined.status, defined.body).toBe(201);
    const traffic = knownTraffic(team);
    await produce(kafka, topic, traffic.map(asMessage));

    // Ready once reporting sees all the traffic and the budget with its spend.
    const seen = await eventually(
      async () => {
        const headers = { authorization: `Bearer ${FINANCE}` };
        const [spend, budgets] = await Promise.all([
          fetch(`${reporting?.url}/v1/spend?by=team&since=1d&team=${team}`, { headers }).then((r) =>
            r.json(),
          ),
          fetch(`${reporting?.url}/v1/budgets`, { headers }).then((r) => r.json()),
        ]);
        const mine = (
          budgets as { budgets?: { scope_value?: string; spent_micro_usd?: string }[] }
        ).budgets?.find((b) => JSON.stringify(b).includes(team));
        return {
          requests: (spend as { totals?: { requests?: string } }).totals?.requests,
          spent: mine?.spent_micro_usd,
        };
      },
      (s) => s.requests === String(traffic.length) && s.spent === TOTAL_MICRO,
      60_000,
    );
    expect(seen).toEqual({ requests: String(traffic.length), spent: TOTAL_MICRO });

    userData = await mkdtemp(join(tmpdir(), 'kt-dash-chromium-'));
    browser = await openBrowser(userData);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
    await reporting?.stop();
    await ledger?.stop();
    await db?.drop();
  }, 60_000);

  async function open(): Promise<Page> {
    const page = await (browser as BrowserContext).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${reporting?.url}/dashboard`);
    await page.waitForSelector('body[data-state="signed-out"]');
    return page;
  }

  async function signIn(page: Page, token: string): Promise<string> {
    await page.getByLabel('Reporting token').fill(token);
    await page.getByRole('button', { name: 'Show spend' }).click();
    await page.waitForSelector('body:not([data-state="loading"])');
    // Page functions run in the browser: they may name only globals, never this module's bindings.
    return page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.state ?? '');
  }

  it('serves its files without a token, the page under a strict content security policy', async () => {
    // Every body is read to its end: an unread one can leave its response unfinished on the server,
    // and the reporting's SIGTERM close then waits for that connection (it did on Node 24).
    const page = await fetch(`${reporting?.url}/dashboard`);
    await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'");
    for (const file of [
      'dashboard.page.js',
      'dashboard.view-model.js',
      'dashboard.css',
      'chart.umd.min.js',
    ]) {
      const asset = await fetch(`${reporting?.url}/dashboard/assets/${file}`);
      await asset.arrayBuffer();
      expect([file, asset.status]).toEqual([file, 200]);
    }
    const outside = await fetch(`${reporting?.url}/dashboard/assets/..%2Freporting.module.ts`);
    await outside.arrayBuffer();
    expect(outside.status).toBe(404);
  });

  it('draws spend, provider mix and budgets equal to the known traffic and saves a screenshot', async () => {
    const page = await open();
    expect(await signIn(page, FINANCE)).toBe('ready');

    // The stacked chart holds one series per provider, summing to each provider's exact spend.
    const series = await page.evaluate(() => {
      const { Chart, document } = globalThis as unknown as PageGlobals;
      const chart = Chart.getChart(document.getElementById('spend-chart'));
      return (chart?.data.datasets ?? []).map((d) => [d.label, d.data.reduce((a, b) => a + b, 0)] as const);
    });
    const mine = Object.fromEntries(series.filter(([label]) => label in TRUTH));
    expect(Object.keys(mine).sort()).toEqual(['anthropic', 'azure', 'openai']);
    for (const [provider, truth] of Object.entries(TRUTH))
      expect(mine[provider]).toBeCloseTo(Number(truth.usd), 6);

    // Both charts have really been painted, not just configured.
    for (const id of ['spend-chart', 'mix-chart']) {
      const painted = await page.evaluate((canvasId) => {
        const c = (globalThis as unknown as PageGlobals).document.getElementById(canvasId) as Canvas;
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        let opaque = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) opaque += 1;
        return opaque;
      }, id);
      expect(painted, id).toBeGreaterThan(1_000);
    }

    const spend = Object.fromEntries((await tableRows(page, 'spend-table')).map(([p, ...rest]) => [p, rest]));
    const mix = Object.fromEntries((await tableRows(page, 'mix-table')).map(([p, ...rest]) => [p, rest]));
    for (const [provider, t] of Object.entries(TRUTH)) {
      expect(spend[provider], provider).toEqual([t.requests, t.usd, '']);
      expect(mix[provider], provider).toEqual([
        t.requests,
        t.requestShare,
        t.tokens,
        t.tokenShare,
        t.usd,
        t.costShare,
        '',
      ]);
    }

    // Unpriced traffic is its own figure, never a $0 cost or a 0 % cost share; rejections are labelled.
    const note = 'unpriced: 2 requests, 1,000 tokens';
    expect(spend.bedrock).toEqual(['2', 'unpriced', note]);
    expect(mix.bedrock).toEqual(['2', '16.67 %', '1000', '50.00 %', 'unpriced', 'unpriced', note]);
    expect(spend['(rejected)']).toEqual(['2', '0.000000', '']);
    expect(mix['(rejected)']).toEqual(['2', '16.67 %', '0', '0.00 %', '0.000000', '0.00 %', '']);
    expect(spend['']).toBeUndefined();
    for (const id of ['spend-unpriced', 'mix-unpriced'])
      expect(await page.locator(`#${id}`).textContent(), id).toBe(
        `${note} (no price known: not in the cost figures)`,
      );
    const costBars = await page.evaluate(() => {
      const { Chart, document } = globalThis as unknown as PageGlobals;
      const chart = Chart.getChart(document.getElementById('mix-chart'));
      return (chart?.data.datasets ?? []).map((d) => [d.label, d.data[2] ?? null] as const);
    });
    expect(costBars.find(([label]) => label === 'bedrock')).toEqual(['bedrock', null]);

    const budget = (await tableRows(page, 'budgets-table')).find((row) => row[0]?.includes(team));
    expect(budget?.slice(0, 6)).toEqual([
      `team:${team}`,
      'monthly',
      'alert',
      '10.000024',
      '40.000000',
      '25.00 %',
    ]);
    expect(budget?.[7]).toBe('ok');
    // The team's unpriced Bedrock requests are not in spent: the budget row says so.
    expect(budget?.[8]).toBe(note);
    const bar = page.getByRole('progressbar', { name: `team:${team} utilisation` });
    expect(await bar.getAttribute('aria-valuenow')).toBe('25.00');

    expect(await page.content()).not.toContain(FINANCE);
    await mkdir(join(root, '.kt/test-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(10_000);

    // The window selector reloads every view for the chosen window; the known traffic is in all of them.
    const sevenDays = page.waitForResponse(
      (r) => r.url().includes('/v1/spend?') && r.url().includes('since=7d'),
    );
    await page.getByLabel('7 days').check();
    expect((await sevenDays).status()).toBe(200);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.getByRole('status').textContent()).toMatch(/^Last 7d: /);
    const week = Object.fromEntries(
      (await tableRows(page, 'spend-table')).map(([p, r, usd]) => [p, [r, usd]]),
    );
    expect(week.bedrock).toEqual(['2', 'unpriced']);
    for (const [provider, t] of Object.entries(TRUTH))
      expect(week[provider], provider).toEqual([t.requests, t.usd]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the 401 message and asks again for a token it does not know', async () => {
    const page = await open();
    expect(await signIn(page, `wrong-${randomUUID()}`)).toBe('unauthorised');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The reporting API refused the token (invalid_token): check it and sign in again.');
    expect(await page.getByLabel('Reporting token').isVisible()).toBe(true);
    expect(await page.locator('#report').isVisible()).toBe(false);
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).sessionStorage.getItem('kt.reporting.token'),
      ),
    ).toBeNull();
    await page.close();
  });

  it('says so when the window holds no spend', async () => {
    const page = await open();
    // Only the data is swapped for an empty answer; the page, auth and budgets stay real.
    await page.route('**/v1/spend?*', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          since: new Date(Date.now() - 7 * 86_400_000).toISOString(),
          until: new Date().toISOString(),
          rows: [],
          totals: {},
        }),
      }),
    );
    await page.route('**/v1/spend/provider-mix?*', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ since: '', until: '', providers: [] }),
      }),
    );
    expect(await signIn(page, FINANCE)).toBe('empty');
    expect(await page.getByText('No spend recorded in this window.').isVisible()).toBe(true);
    expect(await page.getByText('No requests in this window.').isVisible()).toBe(true);
    expect(await page.locator('#spend-chart').isVisible()).toBe(false);
    await page.close();
  });
});
