import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { dieboldMariano, fz0Loss, neweyWestVariance, normalPdf, normalQuantile, quantileLoss } from '../src/index.js';
import { normalDraws } from './helpers/seeded-normal.js';

describe('fz0Loss', () => {
  it('hand computation (α = 0.1, VaR 1, ES 2)', () => {
    // no exception: VaR/ES + ln ES − 1 = 1/2 + ln 2 − 1;  X = −3: + (−1 + 3)/(0.1 · 2) = + 10
    const r = fz0Loss([0.5, -3], 1, 2, 0.1);
    expect(r.losses[0]).toBeCloseTo(0.193147180559945309, 15);
    expect(r.losses[1]).toBeCloseTo(10.1931471805599453, 14);
    expect(r.mean).toBeCloseTo(5.19314718055994531, 14);
  });

  it('per-day forecasts, boundary X = −VaR adds nothing', () => {
    // day 1: VaR 2, ES 4, X = −2 → 2/4 + ln 4 − 1; day 2: VaR 1, ES 1.5, X = −4, α = 0.5 → 3/(0.75) + 1/1.5 + ln 1.5 − 1
    const r = fz0Loss([-2, -4], [2, 1], [4, 1.5], 0.5);
    expect(r.losses[0]).toBeCloseTo(0.5 + Math.log(4) - 1, 15);
    expect(r.losses[1]).toBeCloseTo(4 + 1 / 1.5 + Math.log(1.5) - 1, 14);
  });

  it('equals the Patton–Ziegel–Chen return form with v = −VaR, e = −ES', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -2, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (y, varF, esF, alpha) => {
          const v = -varF;
          const e = -esF;
          const pzc = (-1 / (alpha * e)) * (y <= v ? v - y : 0) + v / e + Math.log(-e) - 1;
          expect(fz0Loss([y], varF, esF, alpha).losses[0]).toBeCloseTo(pzc, 9);
        },
      ),
    );
  });

  it('rescaling money by c adds ln c to every loss', () => {
    const x = [0.3, -2.5, 1.1, -0.7];
    const a = fz0Loss(x, 1, 1.8, 0.2);
    const b = fz0Loss(x.map((v) => v * 100), 100, 180, 0.2);
    for (let t = 0; t < 4; t++) expect(b.losses[t] - a.losses[t]).toBeCloseTo(Math.log(100), 12);
  });

  it('validates', () => {
    expect(() => fz0Loss([1], 1, 0, 0.1)).toThrow(/esForecast\[0\] must be > 0/);
    expect(() => fz0Loss([1, 2], [1], 2, 0.1)).toThrow(/varForecast must be a number or have one forecast per day \(2\)/);
    expect(() => fz0Loss([1], 1, 2, 1)).toThrow(/alpha must be/);
    expect(() => fz0Loss([NaN], 1, 2, 0.1)).toThrow(/realizedPnl\[0\] must be a finite number/);
  });
});

describe('quantileLoss', () => {
  it('hand computation (α = 0.1, VaR 1)', () => {
    const r = quantileLoss([2, -3], 1, 0.1);
    expect(r.losses[0]).toBeCloseTo(0.3, 15);
    expect(r.losses[1]).toBeCloseTo(1.8, 15);
    expect(r.mean).toBeCloseTo(1.05, 15);
  });

  it('is >= 0 and its sample mean is minimised near the true quantile', () => {
    const x = normalDraws(20_000, 7);
    const alpha = 0.05;
    const trueVaR = -normalQuantile(alpha); // 1.6449
    const at = (v: number) => quantileLoss(x, v, alpha).mean;
    expect(at(trueVaR)).toBeLessThan(at(trueVaR * 0.8));
    expect(at(trueVaR)).toBeLessThan(at(trueVaR * 1.2));
    for (const l of quantileLoss(x, 1.3, alpha).losses) expect(l).toBeGreaterThanOrEqual(0);
  });
});

describe('neweyWestVariance', () => {
  it('hand computation: 1, 2, 3, 4 with L = 1 and L = 0', () => {
    // deviations −1.5 −0.5 0.5 1.5: γ0 = 5/4, γ1 = (0.75 − 0.25 + 0.75)/4 = 5/16 → 5/4 + 5/16
    expect(neweyWestVariance([1, 2, 3, 4], 1)).toBeCloseTo(1.5625, 15);
    expect(neweyWestVariance([1, 2, 3, 4], 0)).toBeCloseTo(1.25, 15);
  });

  it('about a given centre; default bandwidth floor(4 (T/100)^(2/9))', () => {
    // centre 0, L = 1: γ0 = 30/4, γ1 = (2 + 6 + 12)/4 = 5 → 7.5 + 5 = 12.5
    expect(neweyWestVariance([1, 2, 3, 4], 1, 0)).toBeCloseTo(12.5, 14);
    const x = normalDraws(250, 3);
    expect(neweyWestVariance(x)).toBeCloseTo(neweyWestVariance(x, 4), 15); // floor(4 · 2.5^(2/9)) = 4
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.nat(10), (x, lag) => {
        expect(neweyWestVariance(x, lag)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('validates', () => {
    expect(() => neweyWestVariance([], 1)).toThrow(/x must contain at least one value/);
    expect(() => neweyWestVariance([1, 2], -1)).toThrow(/lag must be a non-negative integer/);
  });
});

describe('dieboldMariano', () => {
  it('hand computation: d = 1, 2, 3, 4, L = 1', () => {
    // d̄ = 2.5, σ²_LR = 1.5625, DM = 2.5/√(1.5625/4) = 4; p = erfc(4/√2) = 6.33424837e-5
    const r = dieboldMariano([2, 3, 5, 6], [1, 1, 2, 2], { lag: 1 });
    expect(r.statistic).toBeCloseTo(4, 13);
    expect(r.pValue).toBeCloseTo(6.33424836662398425e-5, 17);
    expect(r.meanDifference).toBe(2.5);
    expect(r.longRunVariance).toBeCloseTo(1.5625, 15);
    expect(r.better).toBe('second');
    expect(r.status).toBe('ok');
    // swapping the models flips the sign and the winner, not the p-value
    const s = dieboldMariano([1, 1, 2, 2], [2, 3, 5, 6], { lag: 1 });
    expect(s.statistic).toBeCloseTo(-r.statistic, 13);
    expect(s.better).toBe('first');
  });

  it('identical forecasts: statistic and p-value NaN, flagged, no winner', () => {
    const loss = fz0Loss(normalDraws(300, 1), 2, 2.4, 0.025).losses;
    const r = dieboldMariano(loss, loss);
    expect(r.status).toBe('identical');
    expect(Number.isNaN(r.statistic)).toBe(true);
    expect(Number.isNaN(r.pValue)).toBe(true);
    expect(r.better).toBe('neither');
  });

  it('a constant differential: infinite statistic, p 0, flagged', () => {
    const r = dieboldMariano([1, 2, 3], [1.5, 2.5, 3.5]);
    expect(r.status).toBe('zero-variance');
    expect(r.statistic).toBe(-Infinity);
    expect(r.pValue).toBe(0);
    expect(r.better).toBe('first');
  });

  it('the true N(0, 1) VaR/ES beats a forecast at half the scale, significantly (FZ0 and tick loss)', () => {
    const x = normalDraws(2000, 11);
    const alpha = 0.025;
    const z = -normalQuantile(alpha);
    const es = normalPdf(z) / alpha;
    const truth = fz0Loss(x, z, es, alpha).losses;
    const tooLow = fz0Loss(x, z / 2, es / 2, alpha).losses;
    const r = dieboldMariano(truth, tooLow);
    expect(r.statistic).toBeLessThan(-3);
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.better).toBe('first');
    const q = dieboldMariano(quantileLoss(x, z / 2, alpha).losses, quantileLoss(x, z, alpha).losses);
    expect(q.better).toBe('second');
  });

  it('two equally good forecasts are not told apart', () => {
    const x = normalDraws(2000, 5);
    const alpha = 0.025;
    const z = -normalQuantile(alpha);
    const es = normalPdf(z) / alpha;
    const r = dieboldMariano(fz0Loss(x, z * 1.02, es * 1.02, alpha).losses, fz0Loss(x, z * 0.98, es * 0.98, alpha).losses);
    expect(r.pValue).toBeGreaterThan(0.05);
    expect(r.better).toBe('neither');
  });

  it('validates', () => {
    expect(() => dieboldMariano([1, 2], [1])).toThrow(/lossB must have one loss per day of lossA \(2\)/);
    expect(() => dieboldMariano([1], [1])).toThrow(/at least 2 days/);
    expect(() => dieboldMariano([1, 2], [1, 3], { significance: 0 })).toThrow(/significance/);
    expect(() => dieboldMariano([1, 2], [1, 3], { lag: -1 })).toThrow(/lag must be a non-negative integer/);
  });
});
