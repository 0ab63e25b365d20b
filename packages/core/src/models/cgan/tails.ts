/**
 * Marginal transform of each asset's filtered innovations z (see gjr-garch.ts)
 * to and from the Gaussian-like space u where the generator works: a linear
 * body between the lower and upper threshold quantiles and generalised Pareto
 * (GPD) tails beyond them (the semi-parametric margins of McNeil & Frey 2000).
 *
 * With u₀ = Φ⁻¹(1 − q) (q = the tail fraction), thresholds z_L, z_R the
 * empirical q and 1 − q quantiles of the training innovations, and GPD(ξ, β)
 * fitted to each tail's exceedances (z − z_R, or z_L − z):
 *
 *   |u| ≤ u₀:  z = m + s·u,  m = (z_R + z_L)/2,  s = (z_R − z_L)/(2u₀);
 *   u > u₀:    E = min((u² − u₀²)/2, E_MAX),  z = z_R + β·(exp(ξE) − 1)/ξ;
 *   u < −u₀:   the same with the left tail's (ξ, β), z = z_L − ….
 *
 * E plays the part of an exponential exceedance: (u² − u₀²)/2 is close to
 * −ln P(U > u | U > u₀) for Gaussian U, and z_R + β(e^{ξE} − 1)/ξ is the GPD
 * quantile at exceedance probability e^{−E}. So u's tail is mapped onto the
 * fitted GPD tail: no wall at the largest training move. ξ is kept ≥ 0
 * (exponential or heavier tails: a bounded-tail estimate from a few dozen
 * exceedances is noise, and its endpoint would be a wall). The result is
 * truncated at CAP_FACTOR = 1.5 × M/σ̄ on each side, M the largest training
 * move (|r − μ|, that side) and σ̄ the long-run volatility: a GPD with ξ near ½
 * reaches hundreds of σ at tiny probabilities, and one such innovation makes
 * the GARCH recursion of a long path explode. Returns are σ_t·z, so the bound
 * in return units is 1.5 × M × σ_t/σ̄: 1.5 × the largest move, scaled by the
 * state's volatility against the long run. E_MAX = 18 only keeps float32 finite.
 */

const { log, exp, sqrt, max, min } = Math;

export const E_MAX = 18;
const XI_MIN = 1e-4, XI_MAX = 0.3, XI_EPS = 1e-4;
/** Innovations are truncated at this multiple of the largest training move in long-run-volatility units, per side. */
export const CAP_FACTOR = 1.5;

export interface GpdParams {
  readonly xi: number;
  readonly beta: number;
}

/** Per-asset margins (each array length A). */
export interface Margins {
  readonly u0: number;
  readonly left: Float64Array;
  readonly right: Float64Array;
  readonly xiLeft: Float64Array;
  readonly betaLeft: Float64Array;
  readonly xiRight: Float64Array;
  readonly betaRight: Float64Array;
  /** Truncation of z per asset: CAP_FACTOR × the largest fall and rise in long-run-volatility units (lowerCap < 0). */
  readonly lowerCap: Float64Array;
  readonly upperCap: Float64Array;
}

/**
 * GPD by probability-weighted moments (Hosking & Wallis 1987, Technometrics
 * 29(3)): with ȳ the mean exceedance and a₁ = (1/n)Σ y_(i)(1 − p_i),
 * p_i = (i − 0.35)/n over ascending y_(i): ξ = 2 − ȳ/(ȳ − 2a₁),
 * β = 2ȳa₁/(ȳ − 2a₁). ξ is kept in [1e-4, 0.3]: a tail index of at least
 * 3.3, the range reported for daily equity returns; PWM on a few dozen
 * exceedances otherwise gives ξ near ½ for single stocks, and with those
 * tails a one-in-ten-thousand-day innovation fed through the GARCH recursion
 * blew up one-year paths. Below 0 see the module comment.
 */
export function fitGpdPwm(exceedances: ArrayLike<number>): GpdParams {
  const y = Float64Array.from(exceedances).sort();
  const n = y.length;
  if (n < 5) throw new RangeError(`fitGpdPwm needs at least 5 exceedances, got ${n}`);
  let m = 0, a1 = 0;
  for (let i = 0; i < n; i++) {
    m += y[i];
    a1 += y[i] * (1 - (i + 1 - 0.35) / n);
  }
  m /= n;
  a1 /= n;
  const d = m - 2 * a1;
  let xi = d > 0 ? 2 - m / d : XI_MAX;
  xi = min(XI_MAX, max(XI_MIN, xi));
  if (Math.abs(xi) < XI_EPS) xi = xi < 0 ? -XI_EPS : XI_EPS;
  // β from the mean exceedance ȳ = β/(1 − ξ), consistent with the clamped ξ.
  const beta = max(1e-6, m * (1 - xi));
  return { xi, beta };
}

/** Inverse normal CDF (Acklam's rational approximation, relative error < 1.2e-9), for the threshold only. */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = min(p, 1 - p);
  const q = sqrt(-2 * log(q0));
  const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (q0 < 0.02425) return p < 0.5 ? x : -x;
  const r = p - 0.5, r2 = r * r;
  return ((((((a[0] * r2 + a[1]) * r2 + a[2]) * r2 + a[3]) * r2 + a[4]) * r2 + a[5]) * r) / (((((b[0] * r2 + b[1]) * r2 + b[2]) * r2 + b[3]) * r2 + b[4]) * r2 + 1);
}

/** Lower empirical quantile (the ⌈p·n⌉-th smallest) of a sorted array. */
function quantileSorted(x: Float64Array, p: number): number {
  return x[min(x.length - 1, max(0, Math.ceil(p * x.length) - 1))];
}

/**
 * Fits the margins of T × A innovations (row-major) with tail fraction q;
 * `largestMoves` (2A values: per asset the largest fall and the largest rise of
 * r − μ divided by the long-run volatility, both positive) set the caps; by
 * default the largest |z| on each side.
 */
export function fitMargins(z: Float64Array, T: number, A: number, q: number, largestMoves?: Float64Array): Margins {
  const u0 = normalQuantile(1 - q);
  const mk = () => new Float64Array(A);
  const m: Margins = { u0, left: mk(), right: mk(), xiLeft: mk(), betaLeft: mk(), xiRight: mk(), betaRight: mk(), lowerCap: mk(), upperCap: mk() };
  const col = new Float64Array(T);
  for (let a = 0; a < A; a++) {
    for (let t = 0; t < T; t++) col[t] = z[t * A + a];
    col.sort();
    const zl = quantileSorted(col, q), zr = quantileSorted(col, 1 - q);
    const up: number[] = [], down: number[] = [];
    for (let t = 0; t < T; t++) {
      if (col[t] > zr) up.push(col[t] - zr);
      else if (col[t] < zl) down.push(zl - col[t]);
    }
    const gl = fitGpdPwm(down), gr = fitGpdPwm(up);
    m.left[a] = zl;
    m.right[a] = zr;
    m.xiLeft[a] = gl.xi;
    m.betaLeft[a] = gl.beta;
    m.xiRight[a] = gr.xi;
    m.betaRight[a] = gr.beta;
    m.lowerCap[a] = -CAP_FACTOR * (largestMoves !== undefined ? largestMoves[2 * a] : -col[0]);
    m.upperCap[a] = CAP_FACTOR * (largestMoves !== undefined ? largestMoves[2 * a + 1] : col[T - 1]);
  }
  return m;
}

/** z → u for asset a (training data). */
export function toU(z: number, m: Margins, a: number): number {
  const zl = m.left[a], zr = m.right[a], u0 = m.u0;
  if (z > zr) {
    const xi = m.xiRight[a], y = z - zr;
    const e = log(max(1e-300, 1 + (xi * y) / m.betaRight[a])) / xi;
    return sqrt(u0 * u0 + 2 * min(e, E_MAX));
  }
  if (z < zl) {
    const xi = m.xiLeft[a], y = zl - z;
    const e = log(max(1e-300, 1 + (xi * y) / m.betaLeft[a])) / xi;
    return -sqrt(u0 * u0 + 2 * min(e, E_MAX));
  }
  return (z - (zr + zl) / 2) / ((zr - zl) / (2 * u0));
}

/** u → z for asset a (generation); the same map as {@link marginsTf}. */
export function fromU(u: number, m: Margins, a: number): number {
  const zl = m.left[a], zr = m.right[a], u0 = m.u0;
  if (u > u0) {
    const xi = m.xiRight[a];
    return min(m.upperCap[a], zr + (m.betaRight[a] * (exp(xi * min((u * u - u0 * u0) / 2, E_MAX)) - 1)) / xi);
  }
  if (u < -u0) {
    const xi = m.xiLeft[a];
    return max(m.lowerCap[a], zl - (m.betaLeft[a] * (exp(xi * min((u * u - u0 * u0) / 2, E_MAX)) - 1)) / xi);
  }
  return (zr + zl) / 2 + ((zr - zl) / (2 * u0)) * u;
}

/**
 * {@link fromU} over a block of rows: out[j] = fromU(u[uOffset + j], m, j mod A)
 * for j < rows·A (rows of A assets, row-major), the same arithmetic value for
 * value, without a call and eight array look-ups per value.
 */
export function fromURows(u: Float32Array, uOffset: number, rows: number, m: Margins, out: Float64Array): void {
  const A = m.left.length, u0 = m.u0;
  for (let a = 0; a < A; a++) {
    const zl = m.left[a], zr = m.right[a];
    const mid = (zr + zl) / 2, slope = (zr - zl) / (2 * u0);
    for (let j = a; j < rows * A; j += A) {
      const x = u[uOffset + j];
      out[j] = x > u0 || x < -u0 ? fromUTail(x, m, a) : mid + slope * x;
    }
  }
}

/** {@link fromU} for |u| > u₀ (a tail); kept apart so that loops over the linear body stay small. */
export function fromUTail(x: number, m: Margins, a: number): number {
  const u02 = m.u0 * m.u0;
  if (x > 0) {
    const xi = m.xiRight[a];
    return min(m.upperCap[a], m.right[a] + (m.betaRight[a] * (exp(xi * min((x * x - u02) / 2, E_MAX)) - 1)) / xi);
  }
  const xi = m.xiLeft[a];
  return max(m.lowerCap[a], m.left[a] - (m.betaLeft[a] * (exp(xi * min((x * x - u02) / 2, E_MAX)) - 1)) / xi);
}
