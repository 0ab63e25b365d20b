import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createStressService } from '../service.js';

/**
 * End to end: the service answers a POSTed portfolio with the same VaR / ES
 * as `tailforge run` on the same portfolio, prices and settings.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');
const PORTFOLIO = join(ROOT, 'examples/portfolios/tech-growth.json');
const SETTINGS = { model: 'gaussian', paths: '3000', horizon: '10', seed: '5', confidence: '0.95,0.99' };

describe('examples/service', () => {
  let server;
  let base;
  beforeAll(async () => {
    server = await createStressService({ pricesFile: PRICES });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('POST /stress-test with the example portfolio gives the CLI\'s VaR and ES', async () => {
    const res = await fetch(`${base}/stress-test?${new URLSearchParams(SETTINGS)}`, { method: 'POST', body: await readFile(PORTFOLIO, 'utf8') });
    expect(res.status).toBe(200);
    const summary = await res.json();

    const out = await mkdtemp(join(tmpdir(), 'tailforge-service-'));
    const args = Object.entries(SETTINGS).flatMap(([k, v]) => [`--${k}`, v]);
    await promisify(execFile)(process.execPath, [join(ROOT, 'apps/runner/bin/tailforge.js'), 'run', '--portfolio', PORTFOLIO, '--prices', PRICES, ...args, '--out', out, '--quiet']);
    const cli = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));

    expect(summary.schema).toBe('tailforge.summary');
    expect(summary.portfolio.name).toBe(cli.portfolio.name);
    expect(summary.model.id).toBe(cli.model.id);
    expect(summary.risk).toEqual(cli.risk);
    expect(summary.risk.map((r) => r.confidence)).toEqual([0.95, 0.99]);
    expect(summary.risk[1].var).toBeGreaterThan(0);
  });

  it('a bad portfolio is a 400 naming the position; other paths and methods are refused', async () => {
    const bad = await fetch(`${base}/stress-test?paths=100`, { method: 'POST', body: JSON.stringify({ positions: [{ symbol: 'XYZ', quantity: 1 }] }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/positions\[0\]\.symbol: unknown symbol "XYZ"/);
    expect((await fetch(`${base}/stress-test`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await fetch(`${base}/stress-test`)).status).toBe(405);
    expect((await fetch(`${base}/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
