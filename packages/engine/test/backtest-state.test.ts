import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModel, mix32, readPricesCsv, registerBuiltinModels, toLogReturns, type ReturnsMatrix } from '@tailforge/core';
import { riskAtLevels, simulatePortfolio } from '@tailforge/risk';
import { resolveState } from '@tailforge/scenarios';
import { backtest } from '../src/index.js';

const PRICES = join(import.meta.dirname, '../../../examples/dowjones30_prices.csv');
const CGAN = { window: 5, stateWindow: 5, latentDim: 2, hidden: 8, epochs: 1 };
const SYMBOLS = ['IBM', 'KO'];
const QTY = [100, 200];

function rows(r: ReturnsMatrix, start: number, end: number): ReturnsMatrix {
  const A = r.symbols.length;
  return { symbols: r.symbols, dates: r.dates.slice(start, end), values: r.values.slice(start * A, end * A) };
}

describe('walk-forward backtest of a conditional model', () => {
  let portfolioFile: string;
  beforeAll(async () => {
    registerBuiltinModels();
    const dir = await mkdtemp(join(tmpdir(), 'tailforge-bt-state-'));
    portfolioFile = join(dir, 'p.csv');
    await writeFile(portfolioFile, `symbol,quantity\n${SYMBOLS.map((s, i) => `${s},${QTY[i]}`).join('\n')}\n`);
  });

  it('forecasts each day from that day\'s state: equal to --stress-state <day> on the model of the last refit; warm refits after the first fit', async () => {
    const table = await readPricesCsv(PRICES, { symbols: SYMBOLS });
    const cfg = { portfolioFile, prices: table, models: ['cgan'], modelParams: CGAN, from: '2000-06-01', to: '2000-06-09', refit: 5, horizon: 1, confidence: [0.99], paths: 400, seed: 11, missing: 'error' as const, lookback: 300 };
    const bt = await backtest(cfg);
    const f = bt.forecasts[0];
    expect(f.state).toBe('daily');
    expect(bt.dates.length).toBe(7);
    // Refits on forecast days 0 and 5: the first is full, the second warm (the default mode).
    expect([f.fullFits, f.warmRefits]).toEqual([1, 1]);
    // Where the time went: the first fit, one later refit, the forecasts.
    expect(f.timing.refits).toHaveLength(1);
    expect(Math.min(f.timing.firstFit, f.timing.refits[0], f.timing.forecasts)).toBeGreaterThan(0);
    expect(f.timing.firstFit + f.timing.refits[0] + f.timing.forecasts).toBeLessThanOrEqual(f.seconds + 1e-9);

    // The model of the last refit before day d = 2 is the fit on the 300 returns up to day 0 (same seed: same weights).
    const returns = toLogReturns(table);
    const t0 = table.dates.indexOf(bt.dates[0]);
    const model = await getModel('cgan').fit(rows(returns, t0 - 300, t0), CGAN, { seed: cfg.seed });
    expect(model.id).toBe(f.fittedIds[0]);
    const d = 2;
    const t = table.dates.indexOf(bt.dates[d]);
    // `run --stress-state <date>` resolves the state with resolveState on the history up to that date.
    const { state } = resolveState(model as Parameters<typeof resolveState>[0], rows(returns, 0, t), { kind: 'date', date: bt.dates[d] });
    const exposures = Float64Array.from(QTY, (q, a) => q * table.prices[t * SYMBOLS.length + a]);
    const riskWith = async (s?: typeof state) => {
      const values = await model.sample({ nPaths: cfg.paths, horizon: 1, seed: mix32(cfg.seed, t), ...(s ? { state: s } : {}) });
      return riskAtLevels(simulatePortfolio({ values, nPaths: cfg.paths, horizon: 1, nAssets: 2 }, exposures).pnl, [0.99])[0];
    };
    const today = await riskWith(state);
    expect(f.var[0][d]).toBeCloseTo(today.var, 8);
    expect(f.es[0][d]).toBeCloseTo(today.es, 8);
    // The state of the fit (the stale one the backtest used before) gives a different forecast.
    const stale = await riskWith();
    expect(Math.abs(stale.var - today.var)).toBeGreaterThan(1e-6);
  }, 240_000);

  it('--refit-mode full fits from scratch every time; classical models are always fitted in full', async () => {
    const table = await readPricesCsv(PRICES, { symbols: SYMBOLS });
    const bt = await backtest({ portfolioFile, prices: table, models: ['fhs', 'gaussian'], modelParams: {}, from: '2000-06-01', to: '2000-06-20', refit: 5, horizon: 1, confidence: [0.99], paths: 200, seed: 1, missing: 'error', refitMode: 'warm' });
    for (const f of bt.forecasts) {
      expect([f.fullFits, f.warmRefits]).toEqual([f.fittedIds.length, 0]);
      expect(f.state).toBe('unconditional');
    }
    expect(bt.comparison?.reference).toBe('fhs');
    const full = await backtest({ portfolioFile, prices: table, models: ['cgan'], modelParams: CGAN, from: '2000-06-01', to: '2000-06-09', refit: 5, horizon: 1, confidence: [0.99], paths: 100, seed: 11, missing: 'error', lookback: 300, refitMode: 'full' });
    expect([full.forecasts[0].fullFits, full.forecasts[0].warmRefits]).toEqual([2, 0]);
  }, 240_000);

  it('--reference must be one of the models (exit-2 input error)', async () => {
    const table = await readPricesCsv(PRICES, { symbols: SYMBOLS });
    await expect(backtest({ portfolioFile, prices: table, models: ['gaussian'], modelParams: {}, from: '2000-06-01', refit: 5, horizon: 1, confidence: [0.99], paths: 100, seed: 1, missing: 'error', reference: 'fhs' })).rejects.toThrow(
      /--reference fhs is not one of the backtested models \(gaussian\)/,
    );
  });
});
