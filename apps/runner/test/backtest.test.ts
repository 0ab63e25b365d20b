import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registerBuiltinModels } from '@tailforge/core';
import { walkForward } from '@tailforge/engine';
import { exceptionSeries } from '@tailforge/engine';
import { createLogger } from '../src/log/logger.js';
import { cli, PRICES, tempDir, writeTemp } from './helpers.js';
import { Writable } from 'node:stream';

const quiet = createLogger({ format: 'json', quiet: true, stream: new Writable({ write: (_c, _e, cb) => cb() }) });

/** A synthetic two-asset price file: geometric random walk from a tiny LCG, `rows` days from 2020-01-01. */
function syntheticPrices(rows: number, shockFrom?: number): string {
  let x = 12345;
  const u = () => ((x = (1103515245 * x + 12345) % 2147483648) / 2147483648);
  let a = 100;
  let b = 50;
  const lines = ['date,AAA,BBB'];
  const day = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    const d = new Date(day + i * 86_400_000).toISOString().slice(0, 10);
    if (i > 0) {
      const shock = shockFrom !== undefined && i >= shockFrom ? 0.5 : 1;
      a *= Math.exp(0.02 * (u() - 0.5)) * shock;
      b *= Math.exp(0.03 * (u() - 0.5));
    }
    lines.push(`${d},${a.toFixed(6)},${b.toFixed(6)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('walk-forward backtest', () => {
  let dir: string;
  beforeAll(async () => {
    registerBuiltinModels();
    dir = await tempDir();
  });

  it('realised P&L is quantity × price change over the horizon, by hand', async () => {
    const prices = await writeTemp(dir, 'p.csv', syntheticPrices(80));
    const portfolio = await writeTemp(dir, 'port.csv', 'symbol,quantity\nAAA,10\nBBB,-4\n');
    const r = await walkForward(
      { portfolioFile: portfolio, pricesFile: prices, models: ['gaussian'], modelParams: {}, from: '2020-02-10', refit: 5, horizon: 2, confidence: [0.99], paths: 200, seed: 1, missing: 'error' },
      { log: quiet },
    );
    const rows = syntheticPrices(80).trim().split('\n').slice(1).map((l) => l.split(','));
    const t = rows.findIndex((c) => c[0] === '2020-02-10');
    expect(r.dates[0]).toBe('2020-02-10');
    const px = (i: number, a: number) => Number(rows[i][a + 1]);
    const expected = 10 * (px(t + 2, 0) - px(t, 0)) - 4 * (px(t + 2, 1) - px(t, 1));
    expect(r.realized[0]).toBeCloseTo(expected, 8);
    // The last forecast day still has 2 days of realised P&L after it.
    expect(r.dates[r.dates.length - 1]).toBe(rows[rows.length - 3][0]);
    expect(r.forecasts[0].fittedIds.length).toBe(Math.ceil(r.dates.length / 5));
  });

  it('uses no data after the forecast date (a crash later does not change earlier forecasts)', async () => {
    const calm = await writeTemp(dir, 'calm.csv', syntheticPrices(120));
    const crash = await writeTemp(dir, 'crash.csv', syntheticPrices(120, 100));
    const portfolio = await writeTemp(dir, 'port2.csv', 'symbol,quantity\nAAA,10\nBBB,4\n');
    const cfg = { portfolioFile: portfolio, models: ['bootstrap', 'gaussian'], modelParams: {}, from: '2020-03-01', refit: 3, horizon: 1, confidence: [0.95, 0.99], paths: 300, seed: 5, missing: 'error' as const };
    const a = await walkForward({ ...cfg, pricesFile: calm }, { log: quiet });
    const b = await walkForward({ ...cfg, pricesFile: crash }, { log: quiet });
    // Price row 100 is 2020-04-10; forecasts made on days before it see identical data.
    const cut = a.dates.indexOf('2020-04-09');
    expect(cut).toBeGreaterThan(10);
    for (let m = 0; m < 2; m++) {
      for (let l = 0; l < 2; l++) {
        expect(Array.from(b.forecasts[m].var[l].subarray(0, cut + 1))).toEqual(Array.from(a.forecasts[m].var[l].subarray(0, cut + 1)));
      }
    }
    // ...and the day that sees the crash in its realised P&L is an exception in the crash file only.
    expect(b.realized[cut]).toBeLessThan(a.realized[cut]);
    expect(exceptionSeries(b.realized, b.forecasts[1].var[1])[cut]).toBe(1);
  });

  it('tailforge backtest compares models in one table, writes its files and counts exceptions consistently', async () => {
    const out = join(dir, 'bt');
    const res = await cli('backtest', '--portfolio', join(dir, 'port2.csv'), '--prices', PRICES, '--from', '2000-06-01', '--out', out, '--log-format', 'text');
    // port2 holds AAA/BBB, which the Dow Jones file lacks: exit 2 naming the row.
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/port2\.csv, row 2, column symbol: unknown symbol "AAA"/);
    const port = await writeTemp(dir, 'dj.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
    const ok = await cli('backtest', '--portfolio', port, '--prices', PRICES, '--from', '2000-06-01', '--paths', '300', '--model', 'bootstrap,gaussian', '--lookback', '250', '--out', out, '--quiet');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'backtest.json'), 'utf8'));
    expect(summary.models.map((m: { model: string }) => m.model)).toEqual(['bootstrap', 'gaussian']);
    const csv = (await readFile(join(out, 'backtest.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    for (const m of summary.models) {
      for (const l of m.levels) {
        const rows = csv.filter((c) => c[1] === m.model && Number(c[2]) === l.confidence);
        expect(rows.length).toBe(l.observations);
        expect(rows.filter((c) => c[6] === '1').length).toBe(l.exceptions);
        expect(l.kupiec.pValue).toBeGreaterThanOrEqual(0);
        expect(l.kupiec.pValue).toBeLessThanOrEqual(1);
      }
      const l99 = m.levels.find((l: { confidence: number }) => l.confidence === 0.99);
      expect(['green', 'yellow', 'red']).toContain(l99.basel.zone);
    }
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Basel zone');
  });

  it('a --from date leaving too little history is exit 2 with the earliest usable date', async () => {
    const port = await writeTemp(dir, 'dj2.csv', 'symbol,quantity\nIBM,100\n');
    const res = await cli('backtest', '--portfolio', port, '--prices', PRICES, '--from', '1991-01-05', '--out', join(dir, 'x'), '--log-format', 'text');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/leaves \d+ daily returns before the first forecast; the models need at least \d+/);
  });
});

describe('tailforge run --backtest-from', () => {
  it('adds a one-day backtest of the run\'s model to the summary and the report', async () => {
    const dir = await tempDir();
    const port = await writeTemp(dir, 'p.csv', 'symbol,quantity\nIBM,100\nKO,200\n');
    const out = join(dir, 'o');
    const res = await cli('run', '--portfolio', port, '--prices', PRICES, '--paths', '500', '--confidence', '0.99', '--backtest-from', '2000-09-01', '--backtest-lookback', '250', '--backtest-paths', '300', '--out', out, '--quiet');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(s.backtest.from).toBe('2000-09-01');
    expect(s.backtest.models).toHaveLength(1);
    expect(s.backtest.models[0].model).toBe('bootstrap');
    const l = s.backtest.models[0].levels[0];
    expect(l.observations).toBe(s.backtest.forecasts);
    expect(l.exceptions).toBeGreaterThanOrEqual(0);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('Backtest of one-day VaR and ES');
    // Without the option the summary says there was none.
    const out2 = join(dir, 'o2');
    expect((await cli('run', '--portfolio', port, '--prices', PRICES, '--paths', '200', '--out', out2, '--quiet')).code).toBe(0);
    expect(JSON.parse(await readFile(join(out2, 'summary.json'), 'utf8')).backtest).toBeNull();
  });
});
