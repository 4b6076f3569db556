import { describe, expect, it } from 'vitest';
import { loadDashboardAssets } from './dashboard.assets.js';

describe('the dashboard assets', () => {
  it('serves the page, its script and styles, the view model and Chart.js with their content types', async () => {
    const assets = await loadDashboardAssets();
    expect(Object.fromEntries([...assets].map(([name, a]) => [name, a.contentType.split(';')[0]]))).toEqual({
      'dashboard.html': 'text/html',
      'dashboard.css': 'text/css',
      'dashboard.page.js': 'text/javascript',
      'dashboard.view-model.js': 'text/javascript',
      'chart.umd.min.js': 'text/javascript',
    });
    expect(assets.get('chart.umd.min.js')?.body.toString()).toContain('Chart.js v4');
  });

  it('ships the view model as plain JavaScript a browser can import as a module', async () => {
    const js = (await loadDashboardAssets()).get('dashboard.view-model.js')?.body.toString() ?? '';
    expect(js).not.toMatch(/\binterface\b|: bigint/);
    const module = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      microUsdToUsd(micro: string): string;
    };
    expect(module.microUsdToUsd('1234567')).toBe('1.234567');
  });

  it('names every file by a strong ETag of its content', async () => {
    const assets = await loadDashboardAssets();
    const etags = [...assets.values()].map((a) => a.etag);
    expect(new Set(etags).size).toBe(assets.size);
    for (const etag of etags) expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });
});
