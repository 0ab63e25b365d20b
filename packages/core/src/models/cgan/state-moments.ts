import { fitMargins, fromU, type Margins } from './tails.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { max: M_max, min: M_min, sqrt: M_sqrt } = Math;

/**
 * What the GJR filter misses of the innovations' law given the state, fitted
 * on the training data: their variance as a function of the market's
 * volatility level ℓ (state value 0), and the shape of their market factor.
 *
 * Variance. The per-asset filter makes z_a unit-variance on average, but on
 * DowJones30 1991–1998 the window mean of z² rises from about 0.9 in calm
 * states to 1.25 in the top decile of ℓ (the filter under-reacts in stress;
 * held out, 1999–2000 sat at ℓ ≈ 0.2 with mean z² 1.37). The GAN was not seen
 * to learn it (generated z variance flat across states), so it is a linear
 * regression over the training windows (start s, state as of day s − 1, days
 * s .. s + H − 1):
 *
 *   v(ℓ) = a + b·ℓ   fitted to the mean over the window's days and assets of z²,
 *
 * ℓ clamped to the training range [ℓ_min, ℓ_max] (no extrapolation), v to
 * [0.5, 2]. The market factor's share of the variance is left at its
 * training average φ̄ = E[m²]/E[z²] (m_t = (1/A)·Σ_a z_{t,a}): a share rising
 * with ℓ fits 1991–1998 (average pairwise correlation of z 0.15–0.2 in calm
 * states, 0.4 in the top decile) but not 1999–2000, volatile yet weakly
 * correlated (0.16): with it the held-out correlation-matrix error was 0.147
 * against bootstrap's 0.097.
 *
 * The market factor's shape. The GAN's per-asset tails are heavy (GPD), but
 * their extremes were not seen to coincide: the generated equal-weight
 * innovation m̃ had kurtosis 3.2 and no day below −4.8 sd in 100,000 on
 * DowJones30, the data's kurtosis 6.9 with three days below −5.9 sd in 2,000
 * (1997-10-27: −7.6). So m̃ gets the data's law, as the assets' margins do
 * (tails.ts): with f_t = m_t/√(v(ℓ_{t−1})·φ̄) the training days' factor
 * innovations, standardised to unit variance, and F their semi-parametric
 * margin (linear body, GPD tails, the model's tail fraction, caps at 1.5 ×
 * the largest),
 *
 *   m* = √φ̄ · (F⁻¹(u) − μ_F)/σ_F,  u = m̃/√φ̄ read as the Gaussian-like space of tails.ts,
 *
 * μ_F, σ_F the mean and sd of F⁻¹ of a standard normal (the factor stays
 * centred, so the drift option still sets the paths' mean). A window's
 * standardised innovations z̃ become
 *
 *   z'_a = √v(ℓ) · (z̃_a − m̃ + m*),   then truncated at the asset's margin caps (tails.ts),
 *
 * the part orthogonal to the equal-weight factor untouched (m* is increasing
 * in m̃, so the dependence between assets is the GAN's).
 *
 * v(ℓ) applies to a path's first window only, whose state is an observed one
 * like those it was fitted on. In later windows the state is the model's own,
 * and the correction would feed back: innovations inflated at a high level
 * raise σ² through the recursion, which keeps the level high (effective
 * persistence β + (α + γ/2)·v above 1 for persistent stocks); the example's
 * one-year paths then drifted to the variance guard (a stock at 12% daily
 * volatility on average in the last 20 days). Later windows use v = 1, the
 * filter's own dynamics.
 */
export interface StateMoments {
  /** v(ℓ) = a + b·ℓ. */
  readonly a: number;
  readonly b: number;
  readonly levelMin: number;
  readonly levelMax: number;
  /** E[m²]/E[z²] over the training days. */
  readonly phiBar: number;
  /** Margin (one column) of the standardised market-factor innovations f. */
  readonly factor: Margins;
  /** Mean and sd of F⁻¹(U) for a standard normal U ({@link factorMoments}): m* is centred and scaled by them. */
  readonly factorMean: number;
  readonly factorSd: number;
}

export const V_MIN = 0.5, V_MAX = 2, PHI_MIN = 0.01, PHI_MAX = 0.99;

/**
 * Fits {@link StateMoments} from T × A innovations z (row-major), the level of
 * the state as of each day (`level[t]`, t = 0..T−1) and the window starts used
 * for training (each start s ≥ 1, s + H ≤ T).
 */
export function fitStateMoments(z: Float64Array, T: number, A: number, level: Float64Array, starts: ArrayLike<number>, H: number, tailFraction: number): StateMoments {
  const n = starts.length;
  if (n < 2) throw new RangeError(`fitStateMoments needs at least 2 windows, got ${n}`);
  const q = new Float64Array(T), m = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0, s2 = 0;
    for (let a = 0; a < A; a++) {
      const v = z[t * A + a];
      s += v;
      s2 += v * v;
    }
    m[t] = s / A;
    q[t] = s2 / A;
  }
  const x = new Float64Array(n), y = new Float64Array(n);
  let levelMin = Infinity, levelMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    if (!(s >= 1 && s + H <= T)) throw new RangeError(`window start ${s} outside 1..${T - H}`);
    x[i] = level[s - 1];
    levelMin = M_min(levelMin, x[i]);
    levelMax = M_max(levelMax, x[i]);
    for (let t = s; t < s + H; t++) y[i] += q[t] / H;
  }
  const line = leastSquaresLine(x, y);
  // The factor's share and its innovations over the days the windows cover.
  const covered = new Uint8Array(T);
  for (let i = 0; i < n; i++) covered.fill(1, starts[i], starts[i] + H);
  let mm = 0, zz = 0;
  for (let t = 0; t < T; t++) {
    if (covered[t] === 0) continue;
    mm += m[t] * m[t];
    zz += q[t];
  }
  const phiBar = M_min(PHI_MAX, M_max(PHI_MIN, mm / zz));
  const partial = { a: line.intercept, b: line.slope, levelMin, levelMax, phiBar };
  const f: number[] = [];
  for (let t = 1; t < T; t++) if (covered[t] === 1) f.push(m[t] / M_sqrt(momentMap(level[t - 1], partial).v * phiBar));
  let f2s = 0;
  for (const v of f) f2s += v * v;
  const sd = M_sqrt(f2s / f.length);
  const fz = Float64Array.from(f, (v) => v / sd);
  const factor = fitMargins(fz, fz.length, 1, M_max(tailFraction, 10 / fz.length));
  const fm = factorMoments(factor);
  return { ...partial, factor, factorMean: fm.mean, factorSd: fm.sd };
}

/** Ordinary least squares y ≈ intercept + slope·x (slope 0 when x has no spread). */
export function leastSquaresLine(x: ArrayLike<number>, y: ArrayLike<number>): { intercept: number; slope: number } {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

/** The window's variance multiplier at level ℓ: v(ℓ) and √v. */
export interface MomentMap {
  readonly v: number;
  readonly rootV: number;
}

/** The map of windows after a path's first: no variance correction (the factor's shape still applies). */
export const UNIT_VARIANCE: MomentMap = { v: 1, rootV: 1 };

export function momentMap(level: number, sm: Pick<StateMoments, 'a' | 'b' | 'levelMin' | 'levelMax'>): MomentMap {
  const l = M_min(sm.levelMax, M_max(sm.levelMin, level));
  const v = M_min(V_MAX, M_max(V_MIN, sm.a + sm.b * l));
  return { v, rootV: M_sqrt(v) };
}

/** Applies the map in place to one day's A standardised innovations z[offset .. offset + A). */
export function applyMomentMap(z: Float64Array, offset: number, A: number, mm: MomentMap, sm: StateMoments): void {
  let m = 0;
  for (let a = 0; a < A; a++) m += z[offset + a];
  const shift = factorShift(m / A, sm);
  for (let a = 0; a < A; a++) z[offset + a] = mm.rootV * (z[offset + a] + shift);
}

/** What the map adds to every asset of a day whose equal-weight mean innovation is m, before the variance factor √v. */
export function factorShift(m: number, sm: StateMoments): number {
  const root = M_sqrt(sm.phiBar);
  return root * ((fromU(m / root, sm.factor, 0) - sm.factorMean) / sm.factorSd) - m;
}

/**
 * Mean and sd of F⁻¹(U), U ~ N(0, 1), for a one-column margin: trapezoid rule
 * on u ∈ [−12, 12], step 1e-3 (beyond, the normal density is below 1e-31).
 * The factor map subtracts the mean and divides by the sd, so an asymmetric
 * factor margin neither moves the paths' mean (the drift stays the model's
 * drift option) nor their variance.
 */
export function factorMoments(f: Margins): { mean: number; sd: number } {
  const h = 1e-3, n = 24_000;
  let s1 = 0, s2 = 0;
  for (let i = 0; i <= n; i++) {
    const u = -12 + i * h;
    const w = (i === 0 || i === n ? 0.5 : 1) * h * Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
    const x = fromU(u, f, 0);
    s1 += w * x;
    s2 += w * x * x;
  }
  return { mean: s1, sd: M_sqrt(M_max(1e-12, s2 - s1 * s1)) };
}

/** Values of the stored array. */
export const STATE_MOMENTS_SIZE = 14;

/** The stored form: [a, b, levelMin, levelMax, phiBar, then the factor margin's u0, left, right, xiLeft, betaLeft, xiRight, betaRight, lowerCap, upperCap]. */
export function packStateMoments(sm: StateMoments): Float64Array {
  const f = sm.factor;
  return Float64Array.from([sm.a, sm.b, sm.levelMin, sm.levelMax, sm.phiBar, f.u0, f.left[0], f.right[0], f.xiLeft[0], f.betaLeft[0], f.xiRight[0], f.betaRight[0], f.lowerCap[0], f.upperCap[0]]);
}

export function unpackStateMoments(coef: Float64Array): StateMoments {
  const one = (i: number) => Float64Array.of(coef[i]);
  const factor: Margins = { u0: coef[5], left: one(6), right: one(7), xiLeft: one(8), betaLeft: one(9), xiRight: one(10), betaRight: one(11), lowerCap: one(12), upperCap: one(13) };
  const fm = factorMoments(factor);
  return { a: coef[0], b: coef[1], levelMin: coef[2], levelMax: coef[3], phiBar: coef[4], factor, factorMean: fm.mean, factorSd: fm.sd };
}
