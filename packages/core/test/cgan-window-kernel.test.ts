import { describe, it, expect } from '@jest/globals';
import { applyMomentMap, factorMoments, fitMargins, fromU, momentMap, Rng, type StateMoments } from '@tailforge/core';
import { rollWindow, startPath, windowPlan } from '../src/models/cgan/window-kernel.js';

/**
 * The fused window kernel against the definition written out pass by pass, as
 * the sampler did before it was fused: u → z by the margins (fromU), z̃ = (z −
 * shift)·scale, the state-moment map and the caps, then r = d + σ(z̃ + keep)
 * and σ² ← min(σ²max, ω + (α + γ·1[ε<0])ε² + βσ²). Same arithmetic in the same
 * order: the results must be equal bit for bit.
 */
function reference(
  u: Float32Array, uo: number, H: number, A: number, margins: ReturnType<typeof fitMargins>, shift: Float64Array, scale: Float64Array, keep: Float64Array,
  sm: StateMoments | undefined, rootV: number, filter: { omega: Float64Array; alpha: Float64Array; gamma: Float64Array; beta: Float64Array }, drift: Float64Array,
  maxVariance: Float64Array, variance: Float64Array, out: Float32Array, oo: number, days: number,
  ar?: { readonly phi: Float64Array; readonly p: number; readonly lags: Float64Array },
): void {
  const z = new Float64Array(H * A);
  for (let j = 0; j < H * A; j++) z[j] = fromU(u[uo + j], margins, j % A);
  for (let t = 0; t < H; t++) {
    for (let a = 0; a < A; a++) z[t * A + a] = (z[t * A + a] - shift[a]) * scale[a];
    if (sm !== undefined) {
      applyMomentMap(z, t * A, A, { v: rootV * rootV, rootV }, sm);
      for (let a = 0; a < A; a++) z[t * A + a] = Math.min(margins.upperCap[a], Math.max(margins.lowerCap[a], z[t * A + a]));
    }
    for (let a = 0; a < A; a++) {
      const h = variance[a];
      const e = Math.sqrt(h) * (z[t * A + a] + keep[a]);
      // AR mean: lags newest first per asset, r = d + Σ_j φ_j·lag_j + ε.
      let dev = e;
      if (ar !== undefined) {
        let m = 0;
        for (let j = 0; j < ar.p; j++) m += ar.phi[a * ar.p + j] * ar.lags[a * ar.p + j];
        dev = m + e;
        for (let j = ar.p - 1; j > 0; j--) ar.lags[a * ar.p + j] = ar.lags[a * ar.p + j - 1];
        ar.lags[a * ar.p] = dev;
      }
      if (t < days) out[oo + t * A + a] = drift[a] + dev;
      variance[a] = Math.min(maxVariance[a], filter.omega[a] + (e < 0 ? filter.alpha[a] + filter.gamma[a] : filter.alpha[a]) * e * e + filter.beta[a] * h);
    }
  }
}

describe('cgan window kernel (margins, standardisation, moment map, GJR in one pass)', () => {
  const A = 7, H = 5, T = 3000;
  const rng = new Rng(11);
  // Heavy-tailed training innovations (Student t with 3 df) so both GPD tails are fitted.
  const train = new Float64Array(T * A);
  for (let j = 0; j < train.length; j++) train[j] = rng.normal() / Math.sqrt((rng.normal() ** 2 + rng.normal() ** 2 + rng.normal() ** 2) / 3);
  const margins = fitMargins(train, T, A, 0.05);
  const f = (lo: number, hi: number) => Float64Array.from({ length: A }, () => lo + (hi - lo) * rng.uniform());
  const filter = { mean: f(-1e-4, 5e-4), omega: f(1e-6, 4e-6), alpha: f(0.02, 0.08), gamma: f(0.05, 0.15), beta: f(0.8, 0.88) };
  const factor = fitMargins(Float64Array.from({ length: T }, () => rng.normal() * 1.2), T, 1, 0.05);
  const fm = factorMoments(factor);
  const sm: StateMoments = { a: 1, b: 0.4, levelMin: -0.5, levelMax: 0.8, phiBar: 0.35, factor, factorMean: fm.mean, factorSd: fm.sd };
  const drift = Float64Array.from(filter.mean);
  // A low cap on one asset so the variance cap binds on some days.
  const maxVariance = f(2e-4, 6e-4);
  maxVariance[2] = 6e-5;

  for (const [label, moments, P] of [['with the state-moment map', sm, 0], ['without it (models saved before it)', undefined, 0], ['with the state-moment map and an AR(3) mean over three windows', sm, 3]] as const) {
    it(`equals the pass-by-pass definition bit for bit, tails, caps and a partial last window included, ${label}`, () => {
      const phi = Float64Array.from({ length: A * P }, () => 0.2 * rng.uniform() - 0.1);
      const plan = windowPlan(margins, P > 0 ? { ...filter, ar: phi } : filter, drift, maxVariance, moments, H, 2);
      // u with plenty of values beyond ±u₀ (the tails) and a few far out (the caps).
      const u = Float32Array.from({ length: 3 * H * A }, () => 1.6 * rng.normal());
      u[H * A + 3] = 9;
      u[H * A + 4] = -9;
      const shift = f(-0.2, 0.2), scale = f(0.8, 1.3), keep = f(-0.1, 0.1);
      const rootV = moments === undefined ? 1 : momentMap(0.3, sm).rootV;
      for (const days of [H, 3]) {
        const v0 = f(5e-5, 3e-4);
        const vFused = new Float64Array(2 * A), vRef = Float64Array.from(v0);
        vFused.set(v0, A);
        const refAr = P > 0 ? { phi, p: P, lags: new Float64Array(A * P) } : undefined;
        startPath(plan, 1);
        // Windows 0 and 1 whole (the lags carry over), then window 2 with `days` days.
        for (let w = 0; w < 3; w++) {
          const d = w < 2 ? H : days;
          const outFused = new Float32Array(2 * H * A + 5).fill(NaN), outRef = new Float32Array(2 * H * A + 5).fill(NaN);
          const returns = new Float64Array(H * A);
          const uo = w * H * A;
          rollWindow(plan, u, uo, shift, scale, keep, rootV, vFused, 1, outFused, 5, d, d === H ? returns : undefined);
          reference(u, uo, H, A, margins, shift, scale, keep, moments, rootV, filter, drift, maxVariance, vRef, outRef, 5, d, refAr);
          expect(Array.from(outFused)).toEqual(Array.from(outRef));
          if (d === H) {
            expect(Array.from(vFused.subarray(A))).toEqual(Array.from(vRef));
            for (let j = 0; j < H * A; j++) expect(Math.fround(returns[j])).toBe(outRef[5 + j]);
          }
          expect(vFused.subarray(0, A).every((v) => v === 0)).toBe(true);
        }
      }
      // The tails and the caps were exercised.
      expect(Array.from(u).some((x) => Math.abs(x) > margins.u0)).toBe(true);
      expect(Array.from(u).some((x) => x > 0 && fromU(x, margins, 3) === margins.upperCap[3])).toBe(true);
    });
  }
});
