import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { historicalPnl } from '../src/index.js';

// 4 days × 2 assets of log returns given as logs of gross ratios:
//   day:      0     1     2     3
//   asset 0: 1.1   0.9   1.2   1.0
//   asset 1: 1.0   0.5   2.0   1.1
// exposures 100 (asset 0), −50 (asset 1, short)
const GROSS = [
  [1.1, 1.0],
  [0.9, 0.5],
  [1.2, 2.0],
  [1.0, 1.1],
];
const RETURNS = Float64Array.from(GROSS.flat(), Math.log);
const EXPOSURES = Float64Array.of(100, -50);

describe('historicalPnl', () => {
  it('overlapping 2-day windows (hand values)', () => {
    // days 0–1: 100·(0.99 − 1) − 50·(0.5 − 1) = −1 + 25 = 24
    // days 1–2: 100·(1.08 − 1) − 50·(1.0 − 1) = 8
    // days 2–3: 100·(1.2 − 1) − 50·(2.2 − 1) = 20 − 60 = −40
    const pnl = historicalPnl(RETURNS, 2, EXPOSURES, 2);
    expect(pnl.length).toBe(3);
    [24, 8, -40].forEach((x, i) => expect(pnl[i]).toBeCloseTo(x, 10));
  });

  it('disjoint windows are aligned to the end of the history', () => {
    // h = 2: windows days 0–1 and 2–3 → 24, −40
    const two = historicalPnl(RETURNS, 2, EXPOSURES, 2, { overlapping: false });
    expect(two.length).toBe(2);
    expect(two[0]).toBeCloseTo(24, 10);
    expect(two[1]).toBeCloseTo(-40, 10);
    // h = 3: one window, days 1–3 (day 0 left out): 100·(1.08 − 1) − 50·(1.1 − 1) = 8 − 5 = 3
    const three = historicalPnl(RETURNS, 2, EXPOSURES, 3, { overlapping: false });
    expect(three.length).toBe(1);
    expect(three[0]).toBeCloseTo(3, 10);
  });

  it('h = 1 is the daily P&L and h = T the whole history', () => {
    // day 0: 100·0.1 − 50·0 = 10; day 1: −10 + 25 = 15; day 2: 20 − 50 = −30; day 3: 0 − 5 = −5
    const daily = historicalPnl(RETURNS, 2, EXPOSURES, 1);
    [10, 15, -30, -5].forEach((x, i) => expect(daily[i]).toBeCloseTo(x, 10));
    // whole: asset 0 gross 1.1·0.9·1.2·1 = 1.188, asset 1 1·0.5·2·1.1 = 1.1 → 18.8 − 5 = 13.8
    const whole = historicalPnl(RETURNS, 2, EXPOSURES, 4);
    expect(whole.length).toBe(1);
    expect(whole[0]).toBeCloseTo(13.8, 10);
  });

  it('Dow Jones prices: equals revaluing with price ratios P_{s+h} / P_s', () => {
    const lines = readFileSync(new URL('../../../examples/dowjones30_prices.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const prices = lines.map((l) => l.split(',').slice(1).map(Number));
    const days = prices.length - 1;
    const nAssets = prices[0].length;
    const returns = new Float64Array(days * nAssets);
    for (let t = 0; t < days; t++) {
      for (let a = 0; a < nAssets; a++) returns[t * nAssets + a] = Math.log(prices[t + 1][a] / prices[t][a]);
    }
    const exposures = Float64Array.from({ length: nAssets }, (_, a) => (a % 4 === 3 ? -1e4 : 2e4));
    const h = 10;
    const pnl = historicalPnl(returns, nAssets, exposures, h);
    expect(pnl.length).toBe(days - h + 1);
    for (const s of [0, 1, 500, 1234, days - h]) {
      let expected = 0;
      for (let a = 0; a < nAssets; a++) expected += exposures[a] * (prices[s + h][a] / prices[s][a] - 1);
      expect(Math.abs(pnl[s] - expected)).toBeLessThan(1e-8);
    }
    const disjoint = historicalPnl(returns, nAssets, exposures, h, { overlapping: false });
    expect(disjoint.length).toBe(Math.floor(days / h));
    // last disjoint window = last overlapping window
    expect(disjoint[disjoint.length - 1]).toBe(pnl[pnl.length - 1]);
  });

  it('validates dimensions and values', () => {
    expect(() => historicalPnl(RETURNS, 3, Float64Array.of(1, 2, 3), 1)).toThrow(/not a multiple of nAssets/);
    expect(() => historicalPnl(RETURNS, 2, EXPOSURES, 5)).toThrow(/horizon must be an integer in \[1, 4\]/);
    expect(() => historicalPnl(RETURNS, 2, EXPOSURES, 0)).toThrow(RangeError);
    expect(() => historicalPnl(RETURNS, 2, Float64Array.of(1), 1)).toThrow(/exposures has length 1/);
    expect(() => historicalPnl(Float64Array.of(0.1, NaN), 2, EXPOSURES, 1)).toThrow(/returns\[1\] must be a finite number/);
    expect(() => historicalPnl(RETURNS, 0, EXPOSURES, 1)).toThrow(RangeError);
  });
});
