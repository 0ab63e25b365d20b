import { describe, it, expect } from '@jest/globals';
import { expectedShortfall, normalES, normalPdf, normalVaR, riskAtLevels } from '../src/index.js';
import { normalDraws } from './helpers/seeded-normal.js';

describe('normalPdf', () => {
  it('matches exp(-x²/2)/sqrt(2π) (mpmath reference values)', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(1)).toBeCloseTo(0.24197072451914334, 15);
    expect(normalPdf(-1)).toBeCloseTo(0.24197072451914334, 15);
    expect(normalPdf(1.5)).toBeCloseTo(0.12951759566589172, 15);
    expect(normalPdf(-3)).toBeCloseTo(0.004431848411938007, 16);
    expect(normalPdf(Infinity)).toBe(0);
  });
});

describe('normalVaR / normalES', () => {
  it('standard normal: VaR = z_α, ES = φ(z_α)/(1-α) (mpmath reference values)', () => {
    expect(normalVaR(0, 1, 0.99)).toBeCloseTo(2.3263478740408411, 14);
    expect(normalES(0, 1, 0.975)).toBeCloseTo(2.3378027922014144, 13);
    expect(normalES(0, 1, 0.99)).toBeCloseTo(2.6652142203458048, 13);
    expect(normalES(0, 1, 0.95)).toBeCloseTo(2.062712807507426, 13);
  });

  it('shifts by -mean and scales by sd', () => {
    // P&L ~ N(0.5, 2²): VaR_0.99 = -0.5 + 2 · 2.3263478740408411 = 4.1526957480816822
    expect(normalVaR(0.5, 2, 0.99)).toBeCloseTo(4.1526957480816822, 13);
    // ES_0.95 = -0.5 + 2 · 2.062712807507426 = 3.625425615014852
    expect(normalES(0.5, 2, 0.95)).toBeCloseTo(3.625425615014852, 13);
    // sd = 0: a sure P&L of 3 is a loss of -3 at every level
    expect(normalVaR(3, 0, 0.99)).toBe(-3);
    expect(normalES(3, 0, 0.99)).toBe(-3);
  });

  it('validates its arguments', () => {
    expect(() => normalVaR(0, -1, 0.99)).toThrow(/sd must be a finite number >= 0/);
    expect(() => normalES(NaN, 1, 0.99)).toThrow(/mean must be a finite number/);
    expect(() => normalES(0, 1, 1)).toThrow(RangeError);
    expect(() => normalVaR(0, 1, 0)).toThrow(RangeError);
  });
});

describe('empirical VaR/ES converge to the normal closed forms', () => {
  // 200k draws of P&L ~ N(0.5, 2²). Standard errors at this size are ~0.4%
  // (VaR_0.99) to ~0.6% (ES_0.99), so 1.5% is a loose but meaningful bound.
  const mean = 0.5;
  const sd = 2;
  const z = normalDraws(200_000, 20240611);
  const pnl = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) pnl[i] = mean + sd * z[i];

  it.each([0.95, 0.99])('α = %p', (alpha) => {
    const [r] = riskAtLevels(pnl, [alpha]);
    const v = normalVaR(mean, sd, alpha);
    const es = normalES(mean, sd, alpha);
    expect(Math.abs(r.var / v - 1)).toBeLessThan(0.015);
    expect(Math.abs(r.es / es - 1)).toBeLessThan(0.015);
  });

  it('weighted: doubling the weight of the losing half shifts the tail as a closed form predicts', () => {
    // Weights 2 on negative draws, 1 on positive ones turn N(0,1) into the
    // mixture with density (4/3)φ(z) for z < 0 and (2/3)φ(z) for z > 0. For the
    // loss L = -z its upper tail P(L > l) = (4/3)(1 - Φ(l)) for l > 0, so
    // VaR_α = z_{1 - 3(1-α)/4} and ES_α = (4/3) φ(VaR_α) / (1 - α).
    const w = new Float64Array(z.length);
    for (let i = 0; i < z.length; i++) w[i] = z[i] < 0 ? 2 : 1;
    const alpha = 0.99;
    const q = 1 - (3 * (1 - alpha)) / 4; // 0.9925
    const v = normalVaR(0, 1, q);
    const es = ((4 / 3) * normalPdf(v)) / (1 - alpha);
    const [r] = riskAtLevels(z, [alpha], w);
    expect(Math.abs(r.var / v - 1)).toBeLessThan(0.015);
    expect(Math.abs(r.es / es - 1)).toBeLessThan(0.015);
    expect(expectedShortfall(z, alpha, w)).toBe(r.es);
  });
});
