import { describe, it, expect, beforeAll } from '@jest/globals';
import { join, resolve } from 'node:path';
import { readPricesCsv, registerBuiltinModels, type PriceTable } from '@tailforge/core';
import { buildSummary, stressTest } from '@tailforge/engine';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
const PRICES = join(ROOT, 'examples/dowjones30_prices.csv');

describe('long/short books', () => {
  let prices: PriceTable;
  beforeAll(async () => {
    registerBuiltinModels();
    prices = await readPricesCsv(PRICES);
  });
  const settings = { model: 'bootstrap', paths: 2000, horizon: 10, seed: 7, confidence: [0.95, 0.99] };

  it('a market-neutral pair trade (net 0) gives finite figures against its gross exposure', async () => {
    const r = await stressTest({ ...settings, prices, portfolio: { positions: [{ symbol: 'IBM', marketValue: 1_000_000 }, { symbol: 'HWP', marketValue: -1_000_000 }] } });
    expect(r.initialValue).toBe(0);
    expect(r.base).toMatchObject({ kind: 'gross-exposure', amount: 2_000_000, netValue: 0, grossExposure: 2_000_000 });
    const s = buildSummary(r);
    for (const x of s.risk) {
      expect(Number.isFinite(x.var) && x.var > 0).toBe(true);
      expect(x.varPct).toBeCloseTo(x.var / 2_000_000, 15);
      expect(x.esPct).toBeCloseTo(x.es / 2_000_000, 15);
    }
    for (const k of ['mean', 'median', 'p95', 'p99', 'max'] as const) {
      expect(Number.isFinite(s.maxDrawdown[k])).toBe(true);
      expect(s.maxDrawdown[k]).toBeGreaterThanOrEqual(0);
    }
    // Ten days of a pair trade lose far less than its whole gross exposure.
    expect(s.maxDrawdown.max).toBeLessThan(1);
    expect(s.base.drawdowns).toMatch(/cumulative P&L/);
    for (const x of s.stress) expect(Number.isFinite(x.pnlPct) && Number.isFinite(x.maxDrawdown)).toBe(true);
  });

  it('a net-short book runs (no refusal) and a stated capital is the base', async () => {
    const positions = [{ symbol: 'IBM', marketValue: 500_000 }, { symbol: 'MSFT', marketValue: -1_500_000 }];
    const r = await stressTest({ ...settings, prices, portfolio: { positions } });
    expect(r.base.kind).toBe('gross-exposure');
    const withCapital = await stressTest({ ...settings, prices, portfolio: { positions, capital: 4_000_000 } });
    expect(withCapital.base).toMatchObject({ kind: 'capital', amount: 4_000_000 });
    expect(withCapital.risk).toEqual(r.risk);
    const viaSetting = await stressTest({ ...settings, prices, capital: 8_000_000, portfolio: { positions, capital: 4_000_000 } });
    expect(viaSetting.base.amount).toBe(8_000_000);
    // Drawdowns scale inversely with the base: same P&L paths, half the fraction.
    expect(buildSummary(viaSetting).maxDrawdown.max).toBeCloseTo(buildSummary(withCapital).maxDrawdown.max / 2, 12);
  });

  it('a long-only book keeps its net value as the base and value-relative drawdowns', async () => {
    const r = await stressTest({ ...settings, prices, portfolio: { positions: [{ symbol: 'IBM', quantity: 100 }, { symbol: 'KO', quantity: 50 }] } });
    expect(r.base.kind).toBe('net-value');
    expect(r.base.amount).toBe(r.initialValue);
    expect(r.base.drawdownBase).toBeUndefined();
  });
});

describe('currencies and options in runs', () => {
  const FX = join(ROOT, 'examples/fx/USDCHF-synthetic.csv');
  beforeAll(() => registerBuiltinModels());

  it('an FX-only position (USD cash in a CHF book) has the VaR of the FX rate held as an asset', async () => {
    const settings = { model: 'bootstrap', paths: 3000, horizon: 10, seed: 3, confidence: [0.95, 0.99], pricesFile: PRICES, fxFile: FX, replay: 'none' as const };
    const cash = await stressTest({ ...settings, portfolio: { baseCurrency: 'CHF', positions: [{ symbol: 'USD', type: 'cash', quantity: 1_000_000 }] } as never });
    expect(cash.currency).toBe('CHF');
    const rate0 = cash.positions[0].marketValue / 1_000_000;
    const asAsset = await stressTest({ ...settings, portfolio: { positions: [{ symbol: 'USDCHF', marketValue: 1_000_000 * rate0 }] } });
    expect(cash.pathSet.symbols).toEqual(['USDCHF']);
    for (let i = 0; i < cash.risk.length; i++) {
      expect(cash.risk[i].var).toBeCloseTo(asAsset.risk[i].var, 6);
      expect(cash.risk[i].es).toBeCloseTo(asAsset.risk[i].es, 6);
    }
  });

  it('a long call: the run\'s P&L on every path equals a BSM revaluation from the stored paths to 1e-9 relative', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { PathStoreReader } = await import('@tailforge/scenarios');
    const { bsmPrice } = await import('@tailforge/risk');
    const store = join(await mkdtemp(join(tmpdir(), 'tf-books-')), 'paths.tfp');
    const prices = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO'] });
    const S0 = prices.prices[(prices.dates.length - 1) * 2];
    const asOf = prices.dates[prices.dates.length - 1];
    const option = { symbol: 'IBM', type: 'option', optionType: 'call', quantity: 10, multiplier: 100, strike: 90, expiry: '2001-06-15', impliedVol: 0.4, rate: 0.05, dividendYield: 0.01 };
    const r = await stressTest({ model: 'gaussian', paths: 400, horizon: 5, seed: 9, prices, replay: 'none', pathStore: store, portfolio: { positions: [option, { symbol: 'KO', quantity: 100 }] } as never });
    const T = (Date.parse('2001-06-15') - Date.parse(asOf)) / (365 * 86_400_000);
    const c = (S: number, t: number) => bsmPrice({ type: 'call', spot: S, strike: 90, expiry: T - t / 252, rate: 0.05, dividendYield: 0.01, volatility: 0.4 });
    const reader = await PathStoreReader.open(store);
    const koIndex = reader.header.symbols.indexOf('KO');
    const ibmIndex = reader.header.symbols.indexOf('IBM');
    const ko0 = 100 * prices.prices[(prices.dates.length - 1) * 2 + 1];
    let checked = 0;
    for await (const chunk of reader.chunks(1000)) {
      for (let p = 0; p < chunk.nPaths; p++) {
        let sIbm = 0;
        let sKo = 0;
        for (let t = 0; t < 5; t++) {
          sIbm += chunk.values[(p * 5 + t) * 2 + ibmIndex];
          sKo += chunk.values[(p * 5 + t) * 2 + koIndex];
        }
        const expected = 1000 * (c(S0 * Math.exp(sIbm), 5) - c(S0, 0)) + ko0 * (Math.exp(sKo) - 1);
        const got = r.pnl[chunk.firstPath + p];
        expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), 1000 * c(S0, 0)));
        checked++;
      }
    }
    await reader.close();
    expect(checked).toBe(400);
    // greeks in the positions, a delta-gamma-vega reference beside the full revaluation
    const call = r.positions[0] as { option?: { delta: number; gamma: number; vega: number } };
    expect(call.option!.delta).toBeGreaterThan(0);
    expect(r.approximation).toHaveLength(2);
  });
});

describe('option books in runs', () => {
  let prices: PriceTable;
  beforeAll(async () => {
    registerBuiltinModels();
    prices = await readPricesCsv(PRICES, { symbols: ['IBM', 'KO'] });
  });
  const CALL = { symbol: 'IBM', type: 'option', optionType: 'call', quantity: -50, multiplier: 100, strike: 85, expiry: '2001-03-16', impliedVol: 0.45, rate: 0.05 };

  it('a scenario vol shock reprices the options at the shifted volatility', async () => {
    const { bsmPrice } = await import('@tailforge/risk');
    const r = await stressTest({ model: 'gaussian', paths: 200, horizon: 5, seed: 2, prices, replay: 'none', portfolio: { positions: [CALL] } as never, scenarios: [{ name: 'vol up', apply: 'alone', shocks: [], vol: 0.1 }] });
    const S0 = prices.prices[(prices.dates.length - 1) * 2];
    const T = (Date.parse('2001-03-16') - Date.parse('2001-01-02')) / (365 * 86_400_000);
    const c = (t: number, vol: number) => bsmPrice({ type: 'call', spot: S0, strike: 85, expiry: T - t / 252, rate: 0.05, volatility: vol });
    const x = r.stress.find((s) => s.name === 'vol up')!;
    expect(x.pnl).toBeCloseTo(-5000 * (c(5, 0.55) - c(0, 0.45)), 6);
    expect(x.pnl).toBeLessThan(0);
  });

  it('a delta-hedged written call: 1-day VaR far below the unhedged one, close to the delta-gamma-vega reference', async () => {
    const settings = { model: 'gaussian', paths: 20_000, horizon: 1, seed: 4, confidence: [0.99], prices, replay: 'none' as const };
    const unhedged = await stressTest({ ...settings, portfolio: { positions: [CALL] } as never });
    const delta = (unhedged.positions[0] as { option: { delta: number } }).option.delta; // of the position, per unit of IBM's price
    const hedged = await stressTest({ ...settings, portfolio: { positions: [CALL, { symbol: 'IBM', quantity: -delta }] } as never });
    expect(Math.abs((hedged.positions[0] as { option: { delta: number } }).option.delta - delta)).toBe(0);
    const varU = unhedged.risk[0].var;
    const varH = hedged.risk[0].var;
    expect(varH).toBeGreaterThan(0);
    expect(varH).toBeLessThan(0.25 * varU);
    expect(Math.abs(hedged.approximation![0].var - varH)).toBeLessThan(0.05 * varH);
  });
});
