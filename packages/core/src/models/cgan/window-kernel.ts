import { fromUTail, type Margins } from './tails.js';
import { factorShift, type StateMoments } from './state-moments.js';
import { arOrder, type VolFilter } from './state-features.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { sqrt: M_sqrt } = Math;

/**
 * The per-value work of one path's window in one pass per day: margins (u →
 * z, tails.ts), standardisation (z − shift)·scale, the state-moment map and
 * the margins' caps (state-moments.ts; when the model has one), then the GJR
 * recursion
 *
 *   r = d + σ·(z̃ + keep),  ε = σ·(z̃ + keep),  σ² ← min(σ²_max, ω + (α + γ·1[ε < 0])·ε² + β·σ²).
 *
 * The same arithmetic, value for value and in the same order, as mapping the
 * margins, the standardisation, the map and the recursion in separate passes
 * over the window; fused because at 500 assets those passes, each over
 * H × A values, cost more than the generator. Everything a call reads is in
 * the plan's typed arrays (one shape of object, so V8 keeps the loops
 * monomorphic).
 */
export interface WindowPlan {
  readonly A: number;
  readonly H: number;
  readonly margins: Margins;
  /** Body of the margins: z = mid + slope·u for |u| ≤ u₀. */
  readonly u0: number;
  readonly mid: Float64Array;
  readonly slope: Float64Array;
  readonly lowerCap: Float64Array;
  readonly upperCap: Float64Array;
  readonly drift: Float64Array;
  readonly omega: Float64Array;
  readonly alpha: Float64Array;
  /** The extra reaction to a negative shock. */
  readonly gamma: Float64Array;
  readonly beta: Float64Array;
  readonly maxVariance: Float64Array;
  readonly moments: StateMoments | undefined;
  /** AR mean: p lags and φ by lag (p × A: φ_{a,j} at j·A + a, newest lag first); p = 0 without one. */
  readonly p: number;
  readonly arByLag: Float64Array;
  /** The day's AR mean per asset (scratch; 0 without an AR mean). */
  readonly arMean: Float64Array;
  /** Per row of a block: p days of deviations r − d (p × A, a ring) and the slot of the newest. */
  readonly lags: Float64Array;
  readonly newest: Int32Array;
  /** Slots of lags 1..p of the day (scratch). */
  readonly lagSlot: Int32Array;
  /** One day of standardised innovations, and the assets in a tail that day (scratch). */
  readonly day: Float64Array;
  readonly tails: Int32Array;
}

export function windowPlan(margins: Margins, filter: VolFilter, drift: Float64Array, maxVariance: Float64Array, moments: StateMoments | undefined, H: number, rows: number): WindowPlan {
  const A = margins.left.length, u0 = margins.u0, p = arOrder(filter);
  return {
    p,
    arByLag: Float64Array.from({ length: p * A }, (_, i) => filter.ar![(i % A) * p + Math.floor(i / A)]),
    arMean: new Float64Array(A),
    lags: new Float64Array(rows * p * A),
    newest: new Int32Array(rows),
    lagSlot: new Int32Array(p),
    A,
    H,
    margins,
    u0,
    mid: Float64Array.from(margins.left, (zl, a) => (margins.right[a] + zl) / 2),
    slope: Float64Array.from(margins.left, (zl, a) => (margins.right[a] - zl) / (2 * u0)),
    lowerCap: Float64Array.from(margins.lowerCap),
    upperCap: Float64Array.from(margins.upperCap),
    drift,
    omega: Float64Array.from(filter.omega),
    alpha: Float64Array.from(filter.alpha),
    gamma: Float64Array.from(filter.gamma),
    beta: Float64Array.from(filter.beta),
    maxVariance,
    moments,
    day: new Float64Array(A),
    tails: new Int32Array(A),
  };
}

/** A new path in block row `row`: its AR lags start at 0 (the path starts from its mean). */
export function startPath(p: WindowPlan, row: number): void {
  p.lags.fill(0, row * p.p * p.A, (row + 1) * p.p * p.A);
  p.newest[row] = 0;
}

/**
 * One window of one path: u[uo ..] (H × A, the generator's output), the
 * path's standardisation (shift, scale, keep: see the sampler), √v of the
 * state-moment map (ignored when the plan has no moments), the path's
 * block row (its variances variance[row·A .. (row + 1)·A) and AR lags are updated). Writes the first `days` days'
 * returns to out[oo ..] (float32) and all H days to `returns` (float64, for
 * the next state); days past `days` are not computed when `returns` is not needed (last window).
 */
export function rollWindow(
  p: WindowPlan,
  u: Float32Array,
  uo: number,
  shift: Float64Array,
  scale: Float64Array,
  keep: Float64Array,
  rootV: number,
  variance: Float64Array,
  row: number,
  out: Float32Array,
  oo: number,
  days: number,
  returns: Float64Array | undefined,
): void {
  const { A, H, margins, u0, mid, slope, lowerCap, upperCap, drift, omega, alpha, gamma, beta, maxVariance, moments, day, tails, p: P, arByLag, arMean, lags, newest, lagSlot } = p;
  const vo = row * A, lagRow = row * P * A;
  const last = returns === undefined ? days : H;
  for (let t = 0; t < last; t++) {
    const ut = uo + t * A;
    // The body for every value; the tails (|u| > u₀, a few in a hundred) listed without a branch
    // (a mispredicted one per tail value cost more than the tail's own arithmetic) and redone after.
    let nTail = 0;
    for (let a = 0; a < A; a++) {
      const x = u[ut + a];
      day[a] = (mid[a] + slope[a] * x - shift[a]) * scale[a];
      tails[nTail] = a;
      nTail += +(x > u0) + +(x < -u0);
    }
    for (let j = 0; j < nTail; j++) {
      const a = tails[j];
      day[a] = (fromUTail(u[ut + a], margins, a) - shift[a]) * scale[a];
    }
    // The state-moment map moves every asset by the same amount, set by the day's equal-weight mean.
    let add = 0;
    if (moments !== undefined) {
      let m = 0;
      for (let a = 0; a < A; a++) m += day[a];
      add = factorShift(m / A, moments);
    }
    const mapped = moments !== undefined;
    const to = t * A;
    const write = t < days;
    // AR mean: lag j + 1 sits in slot (newest + j) mod p; today's deviation replaces the oldest. Without
    // one (p = 0) arMean stays 0, and 0 + ε is ε (a −0 becomes +0, which d + ε does not tell apart).
    let into = -1;
    if (P > 0) {
      const n0 = newest[row];
      for (let j = 0; j < P; j++) lagSlot[j] = lagRow + ((n0 + j) % P) * A;
      const next = (n0 + P - 1) % P;
      newest[row] = next;
      into = lagRow + next * A;
      // Σ_j φ_j·lag_j per asset, lag by lag over all assets (contiguous loops), summed in the same order as one asset at a time.
      arMean.fill(0);
      for (let j = 0; j < P; j++) {
        const slot = lagSlot[j], phi = j * A;
        for (let a = 0; a < A; a++) arMean[a] += arByLag[phi + a] * lags[slot + a];
      }
    }
    for (let a = 0; a < A; a++) {
      let z = day[a];
      if (mapped) {
        const s = rootV * (z + add), lo = lowerCap[a], hi = upperCap[a];
        z = s < lo ? lo : s > hi ? hi : s; // = min(hi, max(lo, s)), NaN included
      }
      const h = variance[vo + a];
      const e = M_sqrt(h) * (z + keep[a]);
      const dev = arMean[a] + e;
      const r = drift[a] + dev;
      if (write) out[oo + to + a] = r;
      if (returns !== undefined) returns[to + a] = r;
      if (into >= 0) lags[into + a] = dev;
      // α + γ·[ε < 0] as arithmetic, not a branch: the sign of ε is a coin flip, and a mispredicted
      // branch per value cost a third of this loop. (α + γ·0 = α and α + γ·1 = α + γ exactly.) The
      // cap as a comparison keeps Math.min's result here (a NaN passes through).
      const v = omega[a] + (alpha[a] + gamma[a] * +(e < 0)) * e * e + beta[a] * h;
      const cap = maxVariance[a];
      variance[vo + a] = v > cap ? cap : v;
    }
  }
}
