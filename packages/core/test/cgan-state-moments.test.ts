import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { applyMomentMap, factorMoments, fitStateMoments, leastSquaresLine, momentMap, packStateMoments, Rng, unpackStateMoments, type Margins, type StateMoments } from '@tailforge/core';

const one = (x: number): Float64Array => Float64Array.of(x);
/**
 * A factor margin that is the identity on |u| ≤ 20 (body z = u), so a test sees the variance map alone. The map
 * evaluates it at (day mean)/√φ̄, up to 4/√0.05 ≈ 17.9 in the property below (at ±8, as before, fast-check found
 * days of five large same-sign values that reached the tail).
 */
const IDENTITY_FACTOR: Margins = { u0: 20, left: one(-20), right: one(20), xiLeft: one(0.1), betaLeft: one(1), xiRight: one(0.1), betaRight: one(1), lowerCap: one(-100), upperCap: one(100) };
const withFactor = (f: Margins) => ({ factor: f, factorMean: factorMoments(f).mean, factorSd: factorMoments(f).sd });
const IDENTITY = withFactor(IDENTITY_FACTOR);

/** Equicorrelated Gaussian day: z_a = √v·(√ρ·g + √(1 − ρ)·e_a). */
function day(rng: Rng, A: number, rho: number, v: number, out: Float64Array, offset: number): void {
  const g = rng.normal();
  for (let a = 0; a < A; a++) out[offset + a] = Math.sqrt(v) * (Math.sqrt(rho) * g + Math.sqrt(1 - rho) * rng.normal());
}

describe('cgan state moments: innovation variance by volatility level, market-factor shape', () => {
  it('leastSquaresLine by hand: y = 1 + 2x exactly; no spread in x gives slope 0', () => {
    expect(leastSquaresLine([0, 1, 2], [1, 3, 5])).toEqual({ intercept: 1, slope: 2 });
    expect(leastSquaresLine([4, 4], [1, 3])).toEqual({ intercept: 2, slope: 0 });
  });

  it('fitStateMoments recovers a level-dependent variance and the factor share (two levels), clamps the level, and round-trips', () => {
    // Blocks of 50 days alternate level −0.2 (variance 0.9) and 0.3 (1.2); day t follows the level of day t − 1; ρ = 0.3.
    const A = 10, H = 10, B = 50, T = 200 * B, rho = 0.3;
    const rng = new Rng(5);
    const level = new Float64Array(T), z = new Float64Array(T * A);
    for (let t = 0; t < T; t++) level[t] = Math.floor(t / B) % 2 === 0 ? -0.2 : 0.3;
    for (let t = 1; t < T; t++) day(rng, A, rho, level[t - 1] < 0 ? 0.9 : 1.2, z, t * A);
    const starts: number[] = [];
    for (let s = 1; s + H <= T; s++) if (Math.floor((s - 1) / B) === Math.floor((s + H - 1) / B)) starts.push(s);
    const sm = fitStateMoments(z, T, A, level, starts, H, 0.05);
    expect([sm.levelMin, sm.levelMax]).toEqual([-0.2, 0.3]);
    expect(Math.abs(momentMap(-0.2, sm).v - 0.9)).toBeLessThan(0.03);
    expect(Math.abs(momentMap(0.3, sm).v - 1.2)).toBeLessThan(0.04);
    // φ̄ = (1 + (A − 1)ρ)/A = 0.37 for an equicorrelation.
    expect(Math.abs(sm.phiBar - 0.37)).toBeLessThan(0.02);
    // Gaussian data: the factor's margin is close to the identity (thin GPD tails), centred and of unit sd.
    expect(Math.abs(sm.factorMean)).toBeLessThan(0.05);
    expect(Math.abs(sm.factorSd - 1)).toBeLessThan(0.05);
    // No extrapolation past the training levels.
    expect(momentMap(5, sm)).toEqual(momentMap(0.3, sm));
    expect(momentMap(-5, sm)).toEqual(momentMap(-0.2, sm));
    expect(unpackStateMoments(packStateMoments(sm))).toEqual(sm);
  });

  it('the map scales every asset to variance v(ℓ) and keeps the share of the factor (identity factor margin)', () => {
    const A = 8, n = 40_000, rho = 0.25;
    const phiBar = (1 + (A - 1) * rho) / A;
    const sm: StateMoments = { a: 1, b: 1, levelMin: -0.5, levelMax: 0.5, phiBar, ...IDENTITY };
    const mm = momentMap(0.3, sm);
    expect(mm.v).toBeCloseTo(1.3, 12);
    const rng = new Rng(9);
    const z = new Float64Array(n * A);
    let q = 0, m2 = 0;
    for (let t = 0; t < n; t++) {
      day(rng, A, rho, 1, z, t * A);
      applyMomentMap(z, t * A, A, mm, sm);
      let s = 0;
      for (let a = 0; a < A; a++) {
        s += z[t * A + a];
        q += z[t * A + a] ** 2;
      }
      m2 += (s / A) ** 2;
    }
    expect(Math.abs(q / (n * A) / 1.3 - 1)).toBeLessThan(0.03);
    expect(Math.abs(m2 / (q / A) - phiBar)).toBeLessThan(0.02);
  });

  it('at v = 1 with an identity factor margin the map is the identity (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 5, maxLength: 5 }), fc.double({ min: 0.05, max: 0.9, noNaN: true }), (x, phiBar) => {
        const sm: StateMoments = { a: 1, b: 0, levelMin: 0, levelMax: 0, phiBar, ...IDENTITY };
        const z = Float64Array.from(x);
        applyMomentMap(z, 0, 5, momentMap(0, sm), sm);
        z.forEach((v, a) => expect(v).toBeCloseTo(x[a], 6));
      }),
    );
  });

  it('factorMoments: mean 0 and sd 1 for the identity margin; an asymmetric factor margin leaves the mean at 0', () => {
    const id = factorMoments(IDENTITY_FACTOR);
    expect(Math.abs(id.mean)).toBeLessThan(1e-9);
    expect(Math.abs(id.sd - 1)).toBeLessThan(1e-6);
    const skew: Margins = { u0: 1.645, left: one(-1.645), right: one(1.645), xiLeft: one(0.3), betaLeft: one(1), xiRight: one(1e-4), betaRight: one(0.3), lowerCap: one(-40), upperCap: one(40) };
    expect(factorMoments(skew).mean).toBeLessThan(-0.02);
    const A = 4, n = 100_000, phiBar = 0.4;
    const sm: StateMoments = { a: 1, b: 0, levelMin: 0, levelMax: 0, phiBar, ...withFactor(skew) };
    const mm = momentMap(0, sm);
    const rng = new Rng(21);
    const z = new Float64Array(A);
    let s1 = 0, s2 = 0;
    for (let t = 0; t < n; t++) {
      day(rng, A, (A * phiBar - 1) / (A - 1), 1, z, 0);
      applyMomentMap(z, 0, A, mm, sm);
      for (let a = 0; a < A; a++) {
        s1 += z[a];
        s2 += z[a] ** 2;
      }
    }
    // The factor's mean over n days has sd about √(φ̄/n) ≈ 0.002.
    expect(Math.abs(s1 / (n * A))).toBeLessThan(0.01);
    expect(Math.abs(s2 / (n * A) - 1)).toBeLessThan(0.03);
  });

  it('a heavy-tailed factor margin makes the market factor heavy-tailed and leaves what is orthogonal to it alone', () => {
    const A = 6, n = 50_000;
    const rng = new Rng(3);
    const phiBar = (1 + (A - 1) * 0.3) / A;
    const heavy: Margins = { u0: 1.645, left: one(-1.645), right: one(1.645), xiLeft: one(0.3), betaLeft: one(0.5), xiRight: one(0.3), betaRight: one(0.5), lowerCap: one(-30), upperCap: one(30) };
    const sm: StateMoments = { a: 1, b: 0, levelMin: 0, levelMax: 0, phiBar, ...withFactor(heavy) };
    const mm = momentMap(0, sm);
    const z = new Float64Array(A);
    let k4 = 0, k2 = 0, maxDev = 0;
    for (let t = 0; t < n; t++) {
      day(rng, A, 0.3, 1, z, 0);
      const before = z.slice();
      const mb = before.reduce((s, v) => s + v, 0) / A;
      applyMomentMap(z, 0, A, mm, sm);
      const ma = z.reduce((s, v) => s + v, 0) / A;
      k2 += ma * ma;
      k4 += ma ** 4;
      for (let a = 0; a < A; a++) maxDev = Math.max(maxDev, Math.abs(z[a] - ma - (before[a] - mb)));
    }
    expect((k4 / n) / (k2 / n) ** 2).toBeGreaterThan(4);
    expect(maxDev).toBeLessThan(1e-9);
  });
});
