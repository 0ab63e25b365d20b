import { Rng, mix32 } from '../../random/rng.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { ceil: M_ceil, exp: M_exp, log: M_log, max: M_max, min: M_min } = Math;

/**
 * Model selection by conditional calibration of portfolio VaR and ES.
 *
 * For each validation window i (its real H-day returns and its starting
 * state) the model generates M paths from that state; for each of R
 * portfolios (equal weight, and R − 1 random long-only weights, Dirichlet(1)
 * from a fixed seed) the H-day simple portfolio return
 * y = Σ_a w_a (exp(Σ_t r[t, a]) − 1) gives the generated VaR v (the lower
 * ⌈αM⌉-th order statistic, a negative number for a loss) and ES e (the mean of
 * the generated returns at or below v), scored against the realised y by the
 * FZ0 loss of Patton, Ziegel & Chen (2019), a strictly consistent scoring
 * function for the pair (VaR_α, ES_α) of Fissler & Ziegel (2016):
 *
 *   FZ0(y, v, e) = −(1/(α·e))·1[y ≤ v]·(v − y) + v/e + ln(−e) − 1,   e < 0.
 *
 * Lower is better; its mean over windows and portfolios is the score. e is
 * kept ≤ −1e-6 (a generated ES that is a gain cannot be scored).
 */
export const FZ_ALPHA = 0.05;

export function fz0(y: number, v: number, e: number, alpha: number): number {
  const ee = M_min(e, -1e-6);
  return (-(y <= v ? v - y : 0)) / (alpha * ee) + v / ee + M_log(-ee) - 1;
}

/** R portfolio weight vectors over A assets (row-major): equal weight first, then Dirichlet(1) draws from a fixed seed. */
export function validationPortfolios(A: number, R: number, seed = 1): Float64Array {
  const w = new Float64Array(R * A);
  for (let a = 0; a < A; a++) w[a] = 1 / A;
  const rng = new Rng(mix32(seed, 0xf20));
  for (let r = 1; r < R; r++) {
    let s = 0;
    for (let a = 0; a < A; a++) {
      const g = -M_log(1 - rng.uniform());
      w[r * A + a] = g;
      s += g;
    }
    for (let a = 0; a < A; a++) w[r * A + a] /= s;
  }
  return w;
}

/** H-day simple returns of portfolios: windows n × H × A log returns, weights R × A → n × R. */
export function portfolioWindowReturns(values: ArrayLike<number>, n: number, H: number, A: number, weights: Float64Array): Float64Array {
  const R = weights.length / A;
  const out = new Float64Array(n * R);
  const growth = new Float64Array(A);
  for (let i = 0; i < n; i++) {
    growth.fill(0);
    for (let t = 0; t < H; t++) for (let a = 0; a < A; a++) growth[a] += values[(i * H + t) * A + a];
    for (let a = 0; a < A; a++) growth[a] = M_exp(growth[a]) - 1;
    for (let r = 0; r < R; r++) {
      let y = 0;
      for (let a = 0; a < A; a++) y += weights[r * A + a] * growth[a];
      out[i * R + r] = y;
    }
  }
  return out;
}

/**
 * Mean FZ0 score: real n × R portfolio returns, generated (n·M) × R where
 * generated row k·n + i belongs to window i (M replicates stacked).
 */
export function conditionalFzScore(real: Float64Array, generated: Float64Array, n: number, M: number, R: number, alpha = FZ_ALPHA): number {
  const k = M_max(1, M_ceil(alpha * M));
  const col = new Float64Array(M);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      for (let m = 0; m < M; m++) col[m] = generated[(m * n + i) * R + r];
      col.sort();
      const v = col[k - 1];
      let e = 0;
      for (let m = 0; m < k; m++) e += col[m];
      e /= k;
      sum += fz0(real[i * R + r], v, e, alpha);
    }
  }
  return sum / (n * R);
}
