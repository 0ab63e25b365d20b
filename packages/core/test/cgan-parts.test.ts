import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  CAP_FACTOR,
  conditionalFzScore,
  E_MAX,
  fitGjr,
  fitGpdPwm,
  fitMargins,
  fromU,
  fz0,
  gjrNext,
  gjrVariances,
  metricVerdicts,
  normalQuantile,
  portfolioWindowReturns,
  Rng,
  toU,
  validationPortfolios,
  type WindowErrors,
} from '@tailforge/core';

/** GJR-GARCH(1,1) path with Gaussian innovations. */
function simulateGjr(T: number, p: { omega: number; alpha: number; gamma: number; beta: number }, seed: number): Float64Array {
  const rng = new Rng(seed);
  const eps = new Float64Array(T);
  let s2 = p.omega / (1 - p.alpha - p.gamma / 2 - p.beta);
  for (let t = 0; t < T; t++) {
    eps[t] = Math.sqrt(s2) * rng.normal();
    s2 = gjrNext(p, s2, eps[t]);
  }
  return eps;
}

describe('GJR-GARCH(1,1)', () => {
  it('the recursion is the definition: σ²_{t+1} = ω + (α + γ·1[ε<0])ε² + βσ²', () => {
    const p = { omega: 1e-6, alpha: 0.05, gamma: 0.1, beta: 0.85 };
    const out = new Float64Array(3);
    const next = gjrVariances(Float64Array.of(0.01, -0.02, 0.005), p, 1e-4, out);
    expect(out[0]).toBe(1e-4);
    expect(out[1]).toBeCloseTo(1e-6 + 0.05 * 1e-4 + 0.85 * 1e-4, 15);
    expect(out[2]).toBeCloseTo(1e-6 + 0.15 * 4e-4 + 0.85 * out[1], 15);
    expect(next).toBeCloseTo(1e-6 + 0.05 * 0.005 ** 2 + 0.85 * out[2], 15);
  });

  it('recovers the parameters of a simulated series (4000 days)', () => {
    const truth = { omega: 2e-6, alpha: 0.03, gamma: 0.1, beta: 0.9 };
    const f = fitGjr(simulateGjr(4000, truth, 5));
    // About 3 sampling sds at T = 4000.
    expect(Math.abs(f.alpha - truth.alpha)).toBeLessThan(0.035);
    expect(Math.abs(f.gamma - truth.gamma)).toBeLessThan(0.07);
    expect(Math.abs(f.beta - truth.beta)).toBeLessThan(0.05);
    expect(f.alpha + f.gamma / 2 + f.beta).toBeLessThan(1);
  });
});

describe('GPD tails and margins', () => {
  it('PWM recovers ξ and β of GPD draws', () => {
    const rng = new Rng(3);
    const xi = 0.2, beta = 0.5;
    const y = Float64Array.from({ length: 20000 }, () => (beta / xi) * ((1 - rng.uniform()) ** -xi - 1)); // inverse CDF
    const g = fitGpdPwm(y);
    expect(Math.abs(g.xi - xi)).toBeLessThan(0.05);
    expect(Math.abs(g.beta / beta - 1)).toBeLessThan(0.05);
  });

  it('normalQuantile matches known values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });

  const rng = new Rng(9);
  const T = 3000;
  const z = Float64Array.from({ length: T }, () => {
    const g = rng.normal();
    return g < 0 ? 1.3 * g : 0.9 * g; // skewed: heavier left tail
  });
  const m = fitMargins(z, T, 1, 0.05);

  it('u ↦ z is increasing, continuous at ±u₀, and inverts z ↦ u', () => {
    fc.assert(fc.property(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true }), (a, b) => {
      if (a < b) expect(fromU(a, m, 0)).toBeLessThanOrEqual(fromU(b, m, 0));
    }));
    for (const s of [1, -1]) {
      const u0 = s * m.u0;
      expect(Math.abs(fromU(u0 + 1e-9 * s, m, 0) - fromU(u0 - 1e-9 * s, m, 0))).toBeLessThan(1e-6);
    }
    for (const v of [-4.5, -1.2, 0, 0.7, 3.9]) expect(fromU(toU(v, m, 0), m, 0)).toBeCloseTo(v, 9);
  });

  it('no wall at the largest training move: the tail goes past it and stops at CAP_FACTOR (1.5) × it', () => {
    const lowest = z.reduce((a, v) => Math.min(a, v), 0);
    const uFar = Math.sqrt(m.u0 ** 2 + 2 * E_MAX);
    expect(CAP_FACTOR).toBe(1.5);
    expect(fromU(-uFar, m, 0)).toBeLessThan(lowest);
    expect(fromU(-uFar - 5, m, 0)).toBe(CAP_FACTOR * lowest);
    // With given largest moves (fall 10, rise 8 long-run sds) the caps are 1.5 × those.
    const m2 = fitMargins(z, T, 1, 0.05, Float64Array.of(10, 8));
    expect([m2.lowerCap[0], m2.upperCap[0]]).toEqual([-15, 12]);
    expect(fromU(-40, m2, 0)).toBeGreaterThanOrEqual(-15);
    expect(fromU(40, m2, 0)).toBeLessThanOrEqual(12);
    expect(m.xiLeft[0]).toBeGreaterThan(0);
    // The left tail is the heavier one here.
    expect(-fromU(-4, m, 0)).toBeGreaterThan(fromU(4, m, 0));
  });
});

describe('FZ0 scoring and verdicts', () => {
  it('fz0 by hand', () => {
    // y = −0.05 breaches v = −0.03, e = −0.04, α = 0.05: −(1/(0.05·−0.04))·0.02 + 0.75 + ln 0.04 − 1.
    expect(fz0(-0.05, -0.03, -0.04, 0.05)).toBeCloseTo(10 + 0.75 + Math.log(0.04) - 1, 12);
    expect(fz0(0.01, -0.03, -0.04, 0.05)).toBeCloseTo(0.75 + Math.log(0.04) - 1, 12);
  });

  it('a calibrated forecast scores better than a too-narrow one', () => {
    const rng = new Rng(4);
    const n = 400, M = 100, R = 1;
    const real = Float64Array.from({ length: n }, () => 0.02 * rng.normal());
    const good = Float64Array.from({ length: n * M }, () => 0.02 * rng.normal());
    const narrow = good.map((v) => v / 3);
    expect(conditionalFzScore(real, good, n, M, R)).toBeLessThan(conditionalFzScore(real, narrow, n, M, R));
  });

  it('portfolios: equal weight first, weights sum to 1; window returns by hand', () => {
    const w = validationPortfolios(3, 4);
    for (let r = 0; r < 4; r++) expect(w[r * 3] + w[r * 3 + 1] + w[r * 3 + 2]).toBeCloseTo(1, 12);
    expect(Array.from(w.slice(0, 3))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const y = portfolioWindowReturns(Float64Array.of(0.1, 0, -0.1, 0.2), 1, 2, 2, Float64Array.of(0.5, 0.5));
    expect(y[0]).toBeCloseTo(0.5 * (Math.exp(0) - 1) + 0.5 * (Math.exp(0.2) - 1), 12);
  });

  it('verdicts: ok within max(1.1 × best baseline, best + slack), warn beyond', () => {
    const e = (corr: number): WindowErrors => ({ correlationMae: corr } as unknown as WindowErrors);
    const v = metricVerdicts([{ name: 'cgan', errors: e(0.12) }, { name: 'fhs', errors: e(0.1) }, { name: 'bootstrap', errors: e(0.2) }], 'cgan');
    const c = v.find((x) => x.metric === 'correlationMae');
    expect(c).toMatchObject({ bestBaseline: 'fhs', baselineValue: 0.1, verdict: 'warn' });
    expect(c?.threshold).toBeCloseTo(0.11, 12);
    const ok = metricVerdicts([{ name: 'cgan', errors: e(0.105) }, { name: 'fhs', errors: e(0.1) }], 'cgan').find((x) => x.metric === 'correlationMae');
    expect(ok?.verdict).toBe('ok');
  });
});
