import { describe, it, expect } from '@jest/globals';
import { normalPdf, normalQuantile, riskWithErrors } from '../src/index.js';
import { mulberry32, normalDraws } from './helpers/seeded-normal.js';

const PNL20 = [5, -3, 2, -10, 7, 1, -1, 4, -6, 0, 3, -2, 8, -8, 6, -4, 9, -5, -7, 10];

/** Mean and sample sd of replicate-like statistics drawn from a two-point law. */
function bernoulliSd(p: number): number {
  return Math.sqrt(p * (1 - p));
}

describe('riskWithErrors: point estimates', () => {
  it('are those of riskAtLevels (hand values), in input order, for both methods', () => {
    // losses sorted L_(k) = k − 11 (k <= 19), L_(20) = 10: VaR_0.95 = 8, ES_0.95 = 10; VaR_0.9 = 7, ES_0.9 = 9
    for (const method of ['bootstrap', 'order-statistics'] as const) {
      const [a, b] = riskWithErrors(PNL20, [0.95, 0.9], { method, resamples: 50 });
      expect([a.confidence, a.var, b.confidence, b.var]).toEqual([0.95, 8, 0.9, 7]);
      expect(a.es).toBeCloseTo(10, 12);
      expect(b.es).toBeCloseTo(9, 12);
      expect(a.method).toBe(method);
    }
  });

  it('weighted point estimates (hand values from expected-shortfall.test.ts)', () => {
    const [r] = riskWithErrors([-4, 2, -1, 3, -6], [0.8], { weights: [0.1, 0.3, 0.2, 0.25, 0.15], resamples: 20 });
    expect(r.var).toBe(4);
    expect(r.es).toBeCloseTo(5.5, 12);
  });
});

describe('riskWithErrors: bootstrap distribution', () => {
  it('two equally likely losses {0, 1}: replicate laws worked out by hand', () => {
    // A resample is 2 draws. α = 0.5: VaR = the loss at which the count reaches 1 of 2.
    //   (0,0) → VaR 0, ES 0;  (0,1) → VaR 0, ES 1 (mean of the worst half);  (1,1) → VaR 1, ES 1
    //   P(VaR = 1) = 1/4, P(ES = 1) = 3/4 → sd √(3/16) = 0.4330 for both.
    const B = 20_000;
    const [r] = riskWithErrors([0, -1], [0.5], { resamples: B, seed: 42 });
    const tol = 4 * Math.sqrt(1 / B); // ample for an sd estimate of a Bernoulli
    expect(Math.abs(r.varSe - bernoulliSd(0.25))).toBeLessThan(tol);
    expect(Math.abs(r.esSe - bernoulliSd(0.75))).toBeLessThan(tol);
    // percentile intervals of {0, 1}-valued replicates at 5% and 95%
    expect(r.varCi).toEqual([0, 1]);
    expect(r.esCi).toEqual([0, 1]);
  });

  it('weighted {0 (w 3), 1 (w 1)}: multinomial on the weights', () => {
    // P(draw loss 1) = 1/4. VaR_0.5 = 1 only if both draws are 1: 1/16.
    // ES_0.5 = 1 if at least one draw is 1: 1 − (3/4)² = 7/16.
    const B = 20_000;
    const [r] = riskWithErrors([0, -1], [0.5], { weights: [3, 1], resamples: B, seed: 7 });
    const tol = 4 * Math.sqrt(1 / B);
    expect(Math.abs(r.varSe - bernoulliSd(1 / 16))).toBeLessThan(tol);
    expect(Math.abs(r.esSe - bernoulliSd(7 / 16))).toBeLessThan(tol);
    expect(r.varCi).toEqual([0, 1]); // 95% quantile: P(VaR = 1) = 1/16 > 5%
  });

  it('matches the asymptotic standard errors on N(0, 1) losses', () => {
    // n = 20,000, α = 0.95, q = z_0.95 = 1.6449, ES = φ(q)/0.05 = 2.0627
    //   se(VaR) ≈ √(α(1−α)/n) / φ(q) = 0.001541 / 0.10314 = 0.01494
    //   se(ES)  ≈ √([Var(L | L > q) + α (ES − q)²] / (n (1 − α))),
    //   Var(L | L > q) = 1 + q·ES − ES² = 0.1382, α (ES − q)² = 0.1658 → √(0.3040/1000) = 0.01744
    const n = 20_000;
    const alpha = 0.95;
    const z = normalDraws(n, 99);
    const q = normalQuantile(alpha);
    const es = normalPdf(q) / (1 - alpha);
    const seVar = Math.sqrt((alpha * (1 - alpha)) / n) / normalPdf(q);
    const seEs = Math.sqrt((1 + q * es - es * es + alpha * (es - q) ** 2) / (n * (1 - alpha)));
    const [r] = riskWithErrors(z, [alpha], { resamples: 400, seed: 3 });
    // The bootstrap of a quantile is lumpy; 25% / 15% are loose but catch a wrong scale.
    expect(Math.abs(r.varSe / seVar - 1)).toBeLessThan(0.25);
    expect(Math.abs(r.esSe / seEs - 1)).toBeLessThan(0.15);
    expect(r.varCi[0]).toBeLessThan(r.var);
    expect(r.varCi[1]).toBeGreaterThan(r.var);
    expect(r.esCi[0]).toBeLessThan(r.es);
    expect(r.esCi[1]).toBeGreaterThan(r.es);
  });

  it('weighted N(0, 1): weight 2 on losses > 0 (mixture density (4/3)φ on the loss tail)', () => {
    // Reweighted loss law: P(L > l) = (4/3)(1 − Φ(l)) for l > 0, so q = z_{1 − 3(1−α)/4}
    // and the density at q is (4/3)φ(q). n draws from it: se(VaR) ≈ √(α(1−α)/n) / ((4/3)φ(q)).
    const n = 20_000;
    const alpha = 0.95;
    const z = normalDraws(n, 1234);
    const w = Float64Array.from(z, (x) => (x < 0 ? 2 : 1)); // P&L < 0 ⇔ loss > 0
    const q = normalQuantile(1 - (3 * (1 - alpha)) / 4);
    const seVar = Math.sqrt((alpha * (1 - alpha)) / n) / ((4 / 3) * normalPdf(q));
    const [r] = riskWithErrors(z, [alpha], { weights: w, resamples: 400, seed: 5 });
    expect(Math.abs(r.var - q)).toBeLessThan(4 * seVar);
    expect(Math.abs(r.varSe / seVar - 1)).toBeLessThan(0.25);
  });

  it('zero spread for a constant sample; reproducible per seed', () => {
    const [c] = riskWithErrors([-3, -3, -3, -3], [0.9], { resamples: 30 });
    expect([c.var, c.varSe, c.esSe, ...c.varCi, ...c.esCi]).toEqual([3, 0, 0, 3, 3, 3, 3]);
    const z = normalDraws(2000, 8);
    const a = riskWithErrors(z, [0.99, 0.95], { seed: 11, resamples: 100 });
    const b = riskWithErrors(z, [0.99, 0.95], { seed: 11, resamples: 100 });
    const c2 = riskWithErrors(z, [0.99, 0.95], { seed: 12, resamples: 100 });
    expect(b).toEqual(a);
    expect(c2[0].esSe).not.toBe(a[0].esSe);
  });

  it('is fast: 100,000 scenarios × 500 resamples at three levels', () => {
    const z = normalDraws(100_000, 21);
    const t0 = Date.now();
    const out = riskWithErrors(z, [0.95, 0.99, 0.995]);
    expect(Date.now() - t0).toBeLessThan(10_000); // about 0.3 s on a laptop core
    expect(out).toHaveLength(3);
  });
});

describe('riskWithErrors: order statistics', () => {
  const losses1to10 = Array.from({ length: 10 }, (_, i) => -(i + 1)); // losses 1..10

  it('median of 10 at 90%: ranks 2 and 9 (hand binomial sums)', () => {
    // B ~ Bin(10, 0.5): P(B <= 1) = 11/1024 = 0.0107 <= 0.05 < P(B <= 2) = 56/1024 → r = 2
    // P(B >= 9) = 11/1024 <= 0.05 < P(B >= 8) = 56/1024 → s = 9; coverage 1 − 22/1024 = 0.9785
    const [r] = riskWithErrors(losses1to10, [0.5], { method: 'order-statistics', resamples: 10 });
    expect(r.varCi).toEqual([2, 9]);
  });

  it('too few points for an upper bound gives +Infinity', () => {
    // Bin(10, 0.99): P(B >= 10) = 0.99^10 = 0.904 > 0.05 → no upper rank.
    // P(B <= 8) = 1 − 0.904382 − 10·0.99^9·0.01 = 0.004266 <= 0.05 < P(B <= 9) = 0.0956 → r = 9
    const [r] = riskWithErrors(losses1to10, [0.99], { method: 'order-statistics', resamples: 10 });
    expect(r.varCi).toEqual([9, Infinity]);
  });

  it('n = 100, α = 0.95, level 0.9: ranks 91 and 99', () => {
    // upper: P(B >= 99) = 100·0.95^99·0.05 + 0.95^100 = 0.03116 + 0.00592 = 0.0371 <= 0.05,
    //        P(B >= 98) adds C(100,2)·0.95^98·0.05² = 0.0812 → 0.118 > 0.05 → s = 99
    // lower: P(B <= 90) = 0.0282 <= 0.05 < P(B <= 91) = 0.0631 (binomial sums) → r = 91
    const pnl = Array.from({ length: 100 }, (_, i) => -(i + 1));
    const [r] = riskWithErrors(pnl, [0.95], { method: 'order-statistics', resamples: 10 });
    expect(r.varCi).toEqual([91, 99]);
  });

  it('covers the true quantile at least `level` of the time (Monte Carlo)', () => {
    // 400 samples of 200 uniforms; true 0.9-quantile of U(0, 1) losses is 0.9.
    // The interval's coverage is >= 0.9 by construction; allow 3 binomial sds of MC noise.
    const u = mulberry32(77);
    let covered = 0;
    const reps = 400;
    for (let rep = 0; rep < reps; rep++) {
      const pnl = Float64Array.from({ length: 200 }, () => -u());
      const [r] = riskWithErrors(pnl, [0.9], { method: 'order-statistics', resamples: 2, level: 0.9 });
      if (r.varCi[0] <= 0.9 && 0.9 <= r.varCi[1]) covered++;
    }
    expect(covered / reps).toBeGreaterThan(0.9 - 3 * Math.sqrt((0.9 * 0.1) / reps));
  });

  it('rejects weights', () => {
    expect(() => riskWithErrors(PNL20, [0.9], { method: 'order-statistics', weights: PNL20.map(() => 1) })).toThrow(
      /equally weighted/,
    );
  });
});

describe('riskWithErrors: validation', () => {
  it('checks its options', () => {
    expect(() => riskWithErrors(PNL20, [0.9], { resamples: 1 })).toThrow(/resamples must be an integer >= 2/);
    expect(() => riskWithErrors(PNL20, [0.9], { level: 1 })).toThrow(/level must be a number strictly between 0 and 1/);
    expect(() => riskWithErrors(PNL20, [1.2])).toThrow(/confidences\[0\]/);
    expect(() => riskWithErrors(PNL20, [0.9], { seed: NaN })).toThrow(/seed/);
    expect(() => riskWithErrors(PNL20, [0.9], { method: 'jackknife' as never })).toThrow(/method/);
    expect(() => riskWithErrors([], [0.9])).toThrow(RangeError);
  });
});
