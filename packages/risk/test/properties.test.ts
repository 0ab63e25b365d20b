import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { expectedShortfall, riskAtLevels, valueAtRisk } from '../src/index.js';

// Properties of VaR / ES on empirical distributions. Floating point enters
// through sums in ES and through shifted/scaled samples, so comparisons use a
// tolerance proportional to the sample's magnitude.
const pnlArb = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });
const alphaArb = fc.double({ min: 0.01, max: 0.99, noNaN: true });

function scale(xs: readonly number[]): number {
  let m = 1;
  for (const x of xs) m = Math.max(m, Math.abs(x));
  return m;
}
const tol = (xs: readonly number[]) => 1e-9 * scale(xs);

describe('VaR / ES properties', () => {
  it('ES >= VaR', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, (pnl, alpha) => {
        const [r] = riskAtLevels(pnl, [alpha]);
        expect(r.es).toBeGreaterThanOrEqual(r.var);
      }),
    );
  });

  it('VaR and ES are non-decreasing in the confidence level', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, alphaArb, (pnl, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [r1, r2] = riskAtLevels(pnl, [lo, hi]);
        expect(r2.var).toBeGreaterThanOrEqual(r1.var);
        expect(r2.es).toBeGreaterThanOrEqual(r1.es - tol(pnl));
      }),
    );
  });

  it('translation invariance: pnl + c → VaR - c, ES - c', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (pnl, alpha, c) => {
        const [r] = riskAtLevels(pnl, [alpha]);
        const [s] = riskAtLevels(pnl.map((x) => x + c), [alpha]);
        const t = tol([...pnl, c]);
        expect(Math.abs(s.var - (r.var - c))).toBeLessThanOrEqual(t);
        expect(Math.abs(s.es - (r.es - c))).toBeLessThanOrEqual(t);
      }),
    );
  });

  it('positive homogeneity: λ·pnl → λ·VaR, λ·ES', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (pnl, alpha, lambda) => {
        const [r] = riskAtLevels(pnl, [alpha]);
        const [s] = riskAtLevels(pnl.map((x) => lambda * x), [alpha]);
        const t = tol(pnl) * lambda;
        expect(Math.abs(s.var - lambda * r.var)).toBeLessThanOrEqual(t);
        expect(Math.abs(s.es - lambda * r.es)).toBeLessThanOrEqual(t);
      }),
    );
  });

  it('all-equal weights give the unweighted answer', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (pnl, alpha, w) => {
        const weights = pnl.map(() => w);
        expect(valueAtRisk(pnl, alpha, weights)).toBe(valueAtRisk(pnl, alpha));
        expect(Math.abs(expectedShortfall(pnl, alpha, weights) - expectedShortfall(pnl, alpha))).toBeLessThanOrEqual(
          tol(pnl),
        );
      }),
    );
  });

  it('integer weights equal replicating the samples', () => {
    const caseArb = fc
      .array(fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 4 })), {
        minLength: 1,
        maxLength: 30,
      })
      .filter((pairs) => pairs.some(([, k]) => k > 0));
    fc.assert(
      fc.property(caseArb, alphaArb, (pairs, alpha) => {
        const pnl = pairs.map(([x]) => x);
        const weights = pairs.map(([, k]) => k);
        const replicated = pairs.flatMap(([x, k]) => Array<number>(k).fill(x));
        const [w] = riskAtLevels(pnl, [alpha], weights);
        const [r] = riskAtLevels(replicated, [alpha]);
        expect(w.var).toBe(r.var);
        expect(Math.abs(w.es - r.es)).toBeLessThanOrEqual(tol(pnl));
      }),
    );
  });

  it('ES is subadditive on paired samples: ES(X+Y) <= ES(X) + ES(Y)', () => {
    const pairsArb = fc.array(
      fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(pairsArb, alphaArb, (pairs, alpha) => {
        const x = pairs.map(([a]) => a);
        const y = pairs.map(([, b]) => b);
        const sum = pairs.map(([a, b]) => a + b);
        const esSum = expectedShortfall(sum, alpha);
        expect(esSum).toBeLessThanOrEqual(expectedShortfall(x, alpha) + expectedShortfall(y, alpha) + tol(sum) * 4);
      }),
    );
  });

  it('VaR is not subadditive in general, ES is (classic two-loan example)', () => {
    // Two independent loans, each losing 100 with probability 0.04 (else 0).
    // As 25 × 25 paired equally weighted outcomes: X loses on rows 0, Y on column 0.
    // At α = 0.95: VaR(X) = VaR(Y) = 0 but P(X+Y >= 100) = 49/625 > 0.05 → VaR(X+Y) = 100.
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 25; i++) {
      for (let j = 0; j < 25; j++) {
        x.push(i === 0 ? -100 : 0);
        y.push(j === 0 ? -100 : 0);
      }
    }
    const sum = x.map((v, i) => v + y[i]);
    expect(valueAtRisk(x, 0.95)).toBe(0);
    expect(valueAtRisk(y, 0.95)).toBe(0);
    expect(valueAtRisk(sum, 0.95)).toBe(100);
    // ES(X) = 100 · 0.04 / 0.05 = 80, same for Y.
    // X+Y: 1 outcome of 200, 48 of 100 (mass 49/625 = 0.0784 > 0.05):
    // ES = (200/625 + 100 · (0.05 - 1/625)) / 0.05 = (0.32 + 4.84) / 0.05 = 103.2 <= 160
    expect(expectedShortfall(x, 0.95)).toBeCloseTo(80, 10);
    expect(expectedShortfall(sum, 0.95)).toBeCloseTo(103.2, 10);
  });
});
