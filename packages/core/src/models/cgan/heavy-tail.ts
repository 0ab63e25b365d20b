/**
 * Per-asset preprocessing: standardisation and a Lambert W × Gaussian
 * heavy-tail transform (Goerg 2015, "The Lambert Way to Gaussianize Heavy-
 * Tailed Data", Scientific World Journal), so the networks see roughly
 * Gaussian inputs and outputs, and the tails come back through the inverse.
 *
 * With μ_a, σ_a the training mean and std of asset a and δ_a ≥ 0 its tail
 * parameter, a return r maps to
 *   x = (r − μ)/σ,  z = x·c  with c = (1 − 2δ)^{−3/4},  u = sign(z)·√(W₀(δz²)/δ)
 * (u = x when δ = 0), and back by
 *   z = u·exp(δu²/2),  x = z / c,  r = μ + σ·x.
 * If u ~ N(0, 1) then z = u·exp(δu²/2) has variance (1 − 2δ)^{−3/2} = c², so c
 * makes standardised x match z's scale. δ is chosen so that the kurtosis of z,
 * κ(δ) = 3(1 − 2δ)³ / (1 − 4δ)^{5/2}, equals the sample kurtosis of the
 * devolatilised returns r_t / σ̂_t (σ̂_t the root mean square of the `volWindow`
 * returns before t), not of x itself: the generator's state-driven scale
 * already produces the kurtosis that volatility regimes cause, and the
 * transform should only add the tails that remain given the regime (the
 * kurtosis of x would count the regimes twice; in tests on DowJones30 it made
 * generated returns about 50% too heavy-tailed).
 *
 * Generated u is clamped to ±uCap_a, the u of 1.5 × the largest |x| seen in
 * training: the transform grows like exp(δu²/2), so an unbounded generator
 * output could otherwise produce absurd returns.
 */

export interface HeavyTailParams {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly delta: Float64Array;
  readonly uCap: Float64Array;
}

const DELTA_MAX = 0.2;
const CAP_FACTOR = 1.5;

/** Principal branch of the Lambert W function, W₀(x) for x ≥ 0 (w·e^w = x), by Halley iteration. */
export function lambertW0(x: number): number {
  if (!(x >= 0)) throw new RangeError(`lambertW0 is defined here for x >= 0, got ${x}`);
  if (x === 0) return 0;
  let w = x < 1 ? x * (1 - x) : Math.log(x) - Math.log(Math.log(x) + 1);
  if (!(w > 0)) w = x < 1 ? x / 2 : 1;
  for (let i = 0; i < 50; i++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const step = f / (ew * (w + 1) - ((w + 2) * f) / (2 * w + 2));
    w -= step;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(w))) break;
  }
  return w;
}

/** Kurtosis (not excess) of u·exp(δu²/2), u ~ N(0, 1): 3(1 − 2δ)³ / (1 − 4δ)^{5/2}, for 0 ≤ δ < 1/4. */
export function lambertKurtosis(delta: number): number {
  return (3 * (1 - 2 * delta) ** 3) / (1 - 4 * delta) ** 2.5;
}

/** δ ∈ [0, 0.2] with lambertKurtosis(δ) = kurtosis (bisection; 0 when kurtosis ≤ 3). */
export function deltaForKurtosis(kurtosis: number): number {
  if (!(kurtosis > 3)) return 0;
  if (kurtosis >= lambertKurtosis(DELTA_MAX)) return DELTA_MAX;
  let lo = 0, hi = DELTA_MAX;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (lambertKurtosis(mid) < kurtosis) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** z → u for one value (the Gaussianising direction). */
export function gaussianize(z: number, delta: number): number {
  if (delta === 0 || z === 0) return z;
  return Math.sign(z) * Math.sqrt(lambertW0(delta * z * z) / delta);
}

/** u → z for one value (the heavy-tail direction). */
export function heavyTail(u: number, delta: number): number {
  return u * Math.exp((delta * u * u) / 2);
}

/**
 * Fits μ, σ, δ per asset on the rows of a T × A matrix (δ = 0 everywhere
 * when `lambert` is false; δ from the kurtosis of x itself when volWindow is 0).
 * A constant asset gets σ = 1.
 */
export function fitHeavyTail(values: ArrayLike<number>, nRows: number, nAssets: number, lambert: boolean, volWindow = 20): HeavyTailParams {
  const A = nAssets;
  const mean = new Float64Array(A), std = new Float64Array(A), delta = new Float64Array(A), uCap = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    let s = 0;
    for (let t = 0; t < nRows; t++) s += values[t * A + a];
    const m = s / nRows;
    let m2 = 0, m4 = 0, maxAbs = 0;
    for (let t = 0; t < nRows; t++) {
      const d = values[t * A + a] - m;
      m2 += d * d;
      m4 += d * d * d * d;
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    const sd = Math.sqrt(m2 / Math.max(1, nRows - 1));
    mean[a] = m;
    std[a] = sd > 0 ? sd : 1;
    const kurt = volWindow > 0 ? devolatilisedKurtosis(values, nRows, A, a, volWindow) : m2 > 0 ? (m4 / nRows) / (m2 / nRows) ** 2 : 3;
    delta[a] = lambert ? deltaForKurtosis(kurt) : 0;
    const c = (1 - 2 * delta[a]) ** -0.75;
    uCap[a] = Math.max(4, Math.abs(gaussianize((CAP_FACTOR * maxAbs * c) / std[a], delta[a])));
  }
  return { mean, std, delta, uCap };
}

/** Kurtosis (not excess) of r_t / σ̂_t for t ≥ w, σ̂_t² = mean of r² over the w days before t; 3 when there are too few days. */
export function devolatilisedKurtosis(values: ArrayLike<number>, nRows: number, nAssets: number, asset: number, w: number): number {
  if (nRows - w < 10) return 3;
  let ss = 0;
  for (let t = 0; t < w; t++) ss += values[t * nAssets + asset] ** 2;
  const y: number[] = [];
  for (let t = w; t < nRows; t++) {
    const r = values[t * nAssets + asset];
    if (ss > 0) y.push(r / Math.sqrt(ss / w));
    ss += r * r - values[(t - w) * nAssets + asset] ** 2;
  }
  const n = y.length;
  if (n < 10) return 3;
  const m = y.reduce((s, v) => s + v, 0) / n;
  let m2 = 0, m4 = 0;
  for (const v of y) {
    const d = (v - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return m2 > 0 ? (m4 / n) / (m2 / n) ** 2 : 3;
}

/** Returns → u, row-major T × A, into `out`. */
export function toGaussian(values: ArrayLike<number>, nRows: number, nAssets: number, p: HeavyTailParams, out: Float32Array | Float64Array): void {
  const A = nAssets;
  for (let a = 0; a < A; a++) {
    const c = (1 - 2 * p.delta[a]) ** -0.75;
    const m = p.mean[a], s = p.std[a], d = p.delta[a];
    for (let t = 0; t < nRows; t++) out[t * A + a] = gaussianize(((values[t * A + a] - m) / s) * c, d);
  }
}

/** u → returns, rows of A values, into `out` (u is clamped to ±uCap first). */
export function fromGaussian(u: ArrayLike<number>, nRows: number, nAssets: number, p: HeavyTailParams, out: Float32Array | Float64Array): void {
  const A = nAssets;
  for (let a = 0; a < A; a++) {
    const invC = (1 - 2 * p.delta[a]) ** 0.75;
    const m = p.mean[a], s = p.std[a], d = p.delta[a], cap = p.uCap[a];
    for (let t = 0; t < nRows; t++) {
      const v = u[t * A + a];
      const uc = v > cap ? cap : v < -cap ? -cap : v;
      out[t * A + a] = m + s * heavyTail(uc, d) * invC;
    }
  }
}
