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
