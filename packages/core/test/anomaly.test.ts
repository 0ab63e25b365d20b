import { describe, expect, it } from '@jest/globals';
import {
  anomalyFinding,
  fitAnomalyScorer,
  ledoitWolfShrinkage,
  mahalanobisDistance,
  readPricesCsv,
  Rng,
  scoreStateHistory,
  stateFeatureMatrix,
  toLogReturns,
} from '../src/index.js';
import { DOWJONES, inputError } from './helpers.js';

const SWX = DOWJONES.replace('dowjones30_prices.csv', 'swx_prices.csv');

/** n draws of a p-dimensional normal with unit variances and correlation rho between neighbours (an AR(1)-like chain). */
function correlatedNormals(rng: Rng, n: number, p: number, rho: number): Float64Array {
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let prev = rng.normal();
    x[i * p] = prev;
    for (let j = 1; j < p; j++) {
      prev = rho * prev + Math.sqrt(1 - rho * rho) * rng.normal();
      x[i * p + j] = prev;
    }
  }
  return x;
}

describe('Ledoit-Wolf shrinkage and the Mahalanobis distance, against hand computations', () => {
  it('the documented 4 × 2 example: δ = 17/18, Σ* = diag(29/24, 31/24)', () => {
    const { covariance, intensity, target } = ledoitWolfShrinkage(Float64Array.of(1, 0, -1, 0, 0, 2, 0, -2), 4, 2);
    expect(target).toBeCloseTo(1.25, 15);
    expect(intensity).toBeCloseTo(17 / 18, 14);
    [29 / 24, 0, 0, 31 / 24].forEach((v, i) => expect(covariance[i]).toBeCloseTo(v, 14));
  });

  it('a fixed intensity 0 gives the second-moment matrix itself', () => {
    // x = [[1, 2], [3, 4]]: S = [[10, 14], [14, 20]] / 2
    const { covariance } = ledoitWolfShrinkage(Float64Array.of(1, 2, 3, 4), 2, 2, 0);
    expect(Array.from(covariance)).toEqual([5, 7, 7, 10]);
  });

  it('Σ = [[4, 2], [2, 3]], x = (2, 1): d = 1; a shifted centre subtracts', () => {
    expect(mahalanobisDistance([2, 1], [0, 0], Float64Array.of(4, 2, 2, 3))).toBeCloseTo(1, 14);
    expect(mahalanobisDistance([3, 3], [1, 2], Float64Array.of(4, 2, 2, 3))).toBeCloseTo(1, 14);
    // Σ = I: the Euclidean distance
    expect(mahalanobisDistance([3, 4], [0, 0], Float64Array.of(1, 0, 0, 1))).toBeCloseTo(5, 14);
  });
});

describe('the anomaly scorer', () => {
  it('without clipping or shrinkage it is the Mahalanobis distance about the medians under the MAD-scaled second moments', () => {
    const rng = new Rng(9);
    const n = 200;
    const p = 3;
    const x = correlatedNormals(rng, n, p, 0.6);
    for (let i = 0; i < n * p; i++) x[i] = 0.5 + 2 * x[i];
    const s = fitAnomalyScorer(x, n, p, { clip: Infinity, shrinkage: 0 });
    // Independently: M = (1/n) Σ (x − c)(x − c)ᵀ with c the medians, and d² = (x − c)ᵀ M⁻¹ (x − c) (the scales cancel).
    const m = new Float64Array(p * p);
    for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) m[a * p + b] += ((x[i * p + a] - s.center[a]) * (x[i * p + b] - s.center[b])) / n;
    for (const v of [[0.5, 0.5, 0.5], [3, -1, 2], [10, 10, -10]]) {
      expect(s.distance(v)).toBeCloseTo(mahalanobisDistance(v, s.center, m), 9);
    }
    expect(s.shrinkage).toBe(0);
  });

  it('states drawn like the training states get uniform percentiles; an extreme state ≥ 99%', () => {
    const rng = new Rng(21);
    const p = 6;
    const train = correlatedNormals(rng, 3000, p, 0.7);
    const s = fitAnomalyScorer(train, 3000, p);
    const fresh = correlatedNormals(rng, 2000, p, 0.7);
    const deciles = new Array<number>(10).fill(0);
    let mean = 0;
    for (let i = 0; i < 2000; i++) {
      const q = s.score(fresh.subarray(i * p, (i + 1) * p)).percentile;
      deciles[Math.min(9, Math.floor(q * 10))]++;
      mean += q / 2000;
    }
    // 200 expected per decile, binomial sd ≈ 13.4: ±60 is beyond 4 sd.
    for (const c of deciles) expect(Math.abs(c - 200)).toBeLessThan(60);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
    // 6 sd along one feature, against the correlation of its neighbours.
    const extreme = [0, 0, 6, -6, 0, 0];
    expect(s.score(extreme).percentile).toBeGreaterThanOrEqual(0.99);
    expect(s.score(extreme).distance).toBeGreaterThan(s.quantile(0.99));
    expect(s.percentile(Infinity)).toBe(1);
    expect(s.percentile(-1)).toBe(0);
  });

  it('more features than training states: shrinkage keeps it defined', () => {
    const rng = new Rng(2);
    const x = correlatedNormals(rng, 20, 50, 0.3);
    const s = fitAnomalyScorer(x, 20, 50);
    expect(s.shrinkage).toBeGreaterThan(0);
    expect(Number.isFinite(s.distance(new Float64Array(50).fill(1)))).toBe(true);
  });
});

describe('state features over a history and their scores', () => {
  it('row i of the state matrix holds the market and asset features of the 20 days ending on its date', async () => {
    const r = toLogReturns(await readPricesCsv(SWX));
    const m = stateFeatureMatrix(r, 20);
    const A = r.symbols.length;
    expect(m.dates).toHaveLength(r.dates.length - 19);
    expect(m.dates[0]).toBe(r.dates[19]);
    expect(m.nFeatures).toBe(2 * A + 7);
    const i = 700;
    const row = m.values.subarray(i * m.nFeatures, (i + 1) * m.nFeatures);
    // Recomputed here from the definition: rows i .. i+19 of the returns end on m.dates[i].
    const market = (t: number): number => { let s = 0; for (let a = 0; a < A; a++) s += r.values[t * A + a]; return s / A; };
    let m2 = 0;
    for (let t = i; t < i + 20; t++) m2 += market(t) ** 2;
    expect(row[0]).toBeCloseTo(0.5 * Math.log(m2 / 20 + 1e-10), 12);
    let a0 = 0;
    for (let t = i; t < i + 20; t++) a0 += r.values[t * A] ** 2;
    expect(row[2]).toBeCloseTo(0.5 * Math.log(a0 / 20 + 1e-10), 12);
    expect(row[2 + A + 4]).toBeCloseTo(market(i + 19), 14);
    let move = 0;
    for (let t = i + 15; t < i + 20; t++) move += r.values[t * A + A - 1];
    expect(row[2 * A + 6]).toBeCloseTo(move, 14);
  });

  it('SWX 2000-2007: September 2001 is above the 99th percentile, a calm 2006 day is not', async () => {
    const r = toLogReturns(await readPricesCsv(SWX));
    const h = scoreStateHistory(r);
    const at = (d: string): number => h.dates.indexOf(d);
    const above = h.dates.filter((_, i) => h.percentile[i] >= 0.99);
    expect(above.filter((d) => d.startsWith('2001-09')).length).toBeGreaterThanOrEqual(5);
    expect(h.percentile[at('2006-06-30')]).toBeLessThan(0.99);
    expect(h.nTraining).toBe(h.dates.length);
    expect(h.threshold).toBeGreaterThan(0);
  });

  it('training on a period: the states after it are scored against it; too few training states is an InputError', async () => {
    const r = toLogReturns(await readPricesCsv(SWX));
    const h = scoreStateHistory(r, { trainFrom: '2003-06-01', trainTo: '2006-12-31' });
    expect(h.trainingDates[0] >= '2003-06-01' && h.trainingDates[1] <= '2006-12-31').toBe(true);
    // 2001's turmoil was not in the calm training years: far outside them.
    const sept2001 = h.dates.findIndex((d) => d === '2001-09-21');
    expect(h.percentile[sept2001]).toBe(1);
    const e = await inputError(() => scoreStateHistory(r, { trainFrom: '2007-05-01' }));
    expect(e.message).toMatch(/^the anomaly score needs at least 30 training states/);
  });

  it('the finding for a day: warn at or above the 99th percentile', () => {
    expect(anomalyFinding('2008-10-10', 14.2, 0.998)).toMatchObject({ code: 'state-anomaly', severity: 'warn', dates: ['2008-10-10'] });
    expect(anomalyFinding('2006-06-30', 3.1, 0.4).severity).toBe('info');
  });
});
