import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  baselCapital,
  baselPlusFactor,
  expectedShortfall,
  historicalPnl,
  liquidityHorizonES,
  reducedFactorSet,
  stressedCalibrationES,
  stressedWindow,
  valueAtRisk,
} from '../src/index.js';
import { normalDraws } from './helpers/seeded-normal.js';

describe('stressedWindow', () => {
  it('small example: the first period with the largest VaR', () => {
    // periods [1,−5,2], [−5,2,0], [2,0,−1]; 90% VaR of 3 = the largest loss: 5, 5, 1
    const r = stressedWindow([1, -5, 2, 0, -1], { window: 3, confidence: 0.9 });
    expect(r.firstDay).toBe(0);
    expect(r.lastDay).toBe(2);
    expect(r.value).toBe(5);
    expect(Array.from(r.rolling)).toEqual([5, 5, 1]);
    expect(r.windowsPerPeriod).toBe(3);
  });

  it('ES and h-day windows: a period of W days holds W − h + 1 windows', () => {
    // h = 2, W = 4 → 3 windows per period; P&L per window start: 0 −1 −4 −2 3 1
    // periods d = 0..3: {0,−1,−4}, {−1,−4,−2}, {−4,−2,3}, {−2,3,1}; ES at 2/3 = mean of the worst third = worst loss
    const r = stressedWindow([0, -1, -4, -2, 3, 1], { window: 4, horizon: 2, confidence: 2 / 3, measure: 'es' });
    expect(Array.from(r.rolling)).toEqual([4, 4, 4, 2]);
    expect(r.firstDay).toBe(0);
    expect(r.lastDay).toBe(3);
  });

  it('equals VaR / ES recomputed on every period from scratch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 12, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 4, max: 12 }),
        fc.constantFrom(0.5, 0.8, 0.9, 0.975, 0.99),
        fc.constantFrom<'var' | 'es'>('var', 'es'),
        (pnl, h, W, confidence, measure) => {
          const r = stressedWindow(pnl, { window: W, horizon: h, confidence, measure });
          const n = W - h + 1;
          const measureOf = measure === 'var' ? valueAtRisk : expectedShortfall;
          let best = -Infinity;
          let bestDay = -1;
          for (let d = 0; d + n <= pnl.length; d++) {
            const v = measureOf(pnl.slice(d, d + n), confidence);
            expect(r.rolling[d]).toBeCloseTo(v, 10);
            if (bestDay < 0 || v > best + 1e-12 * Math.abs(best)) {
              best = v;
              bestDay = d;
            }
          }
          expect(r.firstDay).toBe(bestDay);
          expect(r.rolling.length).toBe(pnl.length - n + 1);
        },
      ),
    );
  });

  it('finds a planted crash (10-day 99% VaR, 250-day periods) and its value is the largest', () => {
    const days = 2500;
    const z = normalDraws(days, 17);
    const returns = new Float64Array(days);
    for (let t = 0; t < days; t++) returns[t] = 0.01 * z[t];
    for (let t = 1700; t < 1705; t++) returns[t] = -0.08 + 0.01 * z[t]; // a 5-day crash
    const pnl = historicalPnl(returns, 1, Float64Array.of(1e6), 10);
    const r = stressedWindow(pnl, { window: 250, horizon: 10, confidence: 0.99 });
    expect(r.firstDay).toBeLessThanOrEqual(1700);
    expect(r.lastDay).toBeGreaterThanOrEqual(1704);
    expect(r.lastDay - r.firstDay + 1).toBe(250);
    for (const v of r.rolling) expect(v).toBeLessThanOrEqual(r.value);
    // stressed VaR (the stressed period's) >= today's VaR (the last period's)
    expect(r.value).toBeGreaterThan(2 * r.rolling[r.rolling.length - 1]);
    const es = stressedWindow(pnl, { window: 250, horizon: 10, confidence: 0.975, measure: 'es' });
    expect(es.firstDay).toBeLessThanOrEqual(1700);
    expect(es.lastDay).toBeGreaterThanOrEqual(1704);
  });

  it('validates', () => {
    expect(() => stressedWindow([1, 2], { window: 3 })).toThrow(/pnl has 2 windows, a 3-day period of 1-day windows needs at least 3/);
    expect(() => stressedWindow([1, 2], { window: 2, horizon: 3 })).toThrow(/window must be an integer >= horizon \(3\)/);
    expect(() => stressedWindow([1, NaN], { window: 2 })).toThrow(/pnl\[1\] must be a finite number/);
    expect(() => stressedWindow([1, 2], { window: 2, measure: 'x' as 'var' })).toThrow(/measure must be 'var' or 'es'/);
  });
});

describe('liquidityHorizonES', () => {
  it('hand-worked three buckets (10/20/40 days, T = 10)', () => {
    // √(10² + (6 · √((20 − 10)/10))² + (3 · √((40 − 20)/10))²) = √(100 + 36 + 18) = √154
    expect(liquidityHorizonES([10, 6, 3])).toBeCloseTo(Math.sqrt(154), 14);
  });

  it('all five FRTB buckets', () => {
    // scales √1, √2, √2, √6 for 20, 40, 60, 120: 100 + 64·1 + 25·2 + 9·2 + 4·6 = 256 → 16
    expect(liquidityHorizonES([10, 8, 5, 3, 2])).toBeCloseTo(16, 14);
  });

  it('one bucket is ES_T(P) itself; custom horizons', () => {
    expect(liquidityHorizonES([7.5])).toBe(7.5);
    // horizons 10, 30 with T = 10: √(4² + (3 · √2)²) = √34
    expect(liquidityHorizonES([4, 3], { horizons: [10, 30] })).toBeCloseTo(Math.sqrt(34), 14);
  });

  it('validates', () => {
    expect(() => liquidityHorizonES([])).toThrow(/at least ES_T\(P\)/);
    expect(() => liquidityHorizonES([1, 2, 3, 4, 5, 6])).toThrow(/6 buckets, only 5 liquidity horizons/);
    expect(() => liquidityHorizonES([1, 2], { horizons: [10, 10] })).toThrow(/strictly increasing/);
    expect(() => liquidityHorizonES([1, NaN])).toThrow(/esByBucket\[1\] must be a finite number/);
  });
});

describe('stressedCalibrationES', () => {
  it('ES_R,S · ES_F,C / ES_R,C with the ratio floored at 1', () => {
    const r = stressedCalibrationES(12, 15, 10);
    expect(r.es).toBeCloseTo(18, 14);
    expect(r.ratio).toBeCloseTo(1.2, 15);
    expect(r.modelVariation).toBeCloseTo(10 / 12, 15);
    expect(r.coversVariation).toBe(true);
    // reduced set larger than full: ratio 0.8 floored to 1 → ES_R,S; without the floor 15 · 0.8
    expect(stressedCalibrationES(8, 15, 10).es).toBe(15);
    expect(stressedCalibrationES(8, 15, 10, { floorRatio: false }).es).toBeCloseTo(12, 14);
    expect(stressedCalibrationES(20, 15, 10).coversVariation).toBe(false);
  });
  it('validates', () => {
    expect(() => stressedCalibrationES(0, 1, 1)).toThrow(/esFullCurrent must be a finite number > 0/);
  });
});

describe('baselPlusFactor', () => {
  it('the Basel table', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 25].map(baselPlusFactor)).toEqual([0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85, 1, 1]);
    expect(() => baselPlusFactor(251)).toThrow(RangeError);
    expect(() => baselPlusFactor(1.5)).toThrow(RangeError);
  });
});

describe('baselCapital', () => {
  it('fixed 60-day history, yellow zone (5 exceptions → m = 3.4)', () => {
    const v = [...Array(59).fill(10), 12];
    const s = [...Array(59).fill(20), 25];
    // VaR_avg = 602/60, sVaR_avg = 1205/60: 3.4 · 602/60 = 34.11333…, 3.4 · 1205/60 = 68.28333…
    const r = baselCapital(v, s, 5);
    expect(r.mc).toBeCloseTo(3.4, 15);
    expect(r.varAverage).toBeCloseTo(602 / 60, 14);
    expect(r.varTerm).toBeCloseTo((3.4 * 602) / 60, 13);
    expect(r.svarTerm).toBeCloseTo((3.4 * 1205) / 60, 13);
    expect(r.capital).toBeCloseTo(102.396666666666667, 12);
  });

  it('only the last 60 days count; a latest figure above m · average wins', () => {
    // 70 days: the first 10 (value 1000) are outside the average; latest VaR 100 > 3 · 11.5
    const v = [...Array(10).fill(1000), ...Array(59).fill(10), 100];
    const s = [...Array(10).fill(1000), ...Array(60).fill(20)];
    const r = baselCapital(v, s, 0);
    expect(r.varAverage).toBeCloseTo((59 * 10 + 100) / 60, 14);
    expect(r.varTerm).toBe(100);
    expect(r.svarTerm).toBeCloseTo(60, 13);
    expect(r.capital).toBeCloseTo(160, 13);
    expect(baselCapital(v, s, 0, { mc: 4, ms: 5 }).svarTerm).toBeCloseTo(100, 13);
  });

  it('validates', () => {
    expect(() => baselCapital(Array(59).fill(1), Array(60).fill(1), 0)).toThrow(/varHistory needs at least 60 days, got 59/);
    expect(() => baselCapital(Array(60).fill(1), Array(60).fill(1), 0, { mc: 2 })).toThrow(/mc must be a finite number >= 3/);
  });
});

describe('reducedFactorSet', () => {
  it('doc example: one factor covers everything', () => {
    const r = reducedFactorSet(Float64Array.of(2, 1, -2, 1), 2);
    expect(r.factors).toEqual([0]);
    expect(r.coverage).toBeCloseTo(1, 15);
  });

  it('orthogonal factors with variances 16, 1, 0.25: coverage 16/17.25, then 17/17.25, then 1', () => {
    // columns X0 = 4 −4 4 −4, X1 = 1 1 −1 −1, X2 = .5 −.5 −.5 .5 (zero mean, mutually orthogonal), stored in the order 2, 0, 1
    const rows = [
      [0.5, 4, 1],
      [-0.5, -4, 1],
      [-0.5, 4, -1],
      [0.5, -4, -1],
    ];
    const x = Float64Array.from(rows.flat());
    const a = reducedFactorSet(x, 3);
    expect(a.factors).toEqual([1]);
    expect(a.coverage).toBeCloseTo(16 / 17.25, 14);
    const b = reducedFactorSet(x, 3, 0.95);
    expect(b.factors).toEqual([1, 2]);
    expect(b.coverageByStep[1]).toBeCloseTo(17 / 17.25, 14);
    const c = reducedFactorSet(x, 3, 1);
    expect(c.factors).toEqual([1, 2, 0]);
    expect(c.coverage).toBe(1);
  });

  it('validates', () => {
    expect(() => reducedFactorSet(Float64Array.of(1, 2, 3), 2)).toThrow(/not a positive multiple of nFactors \(2\)/);
    expect(() => reducedFactorSet(Float64Array.of(1, -1, 1, -1), 2)).toThrow(/constant/);
    expect(() => reducedFactorSet(Float64Array.of(1, NaN), 2)).toThrow(/day 0, factor 1/);
    expect(() => reducedFactorSet(Float64Array.of(1, 2), 2, 0)).toThrow(/threshold must be in \(0, 1\]/);
  });
});
