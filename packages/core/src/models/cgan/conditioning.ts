import { stateSize } from './state-features.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { max: M_max, min: M_min, round: M_round, sqrt: M_sqrt } = Math;

/**
 * What the generator sees of a state, and how far a state is from the
 * training states.
 *
 * Features c(state) (S = A + 2 values): [value 0, value 1, ln σ_a − ln σ̄_a
 * per asset], then standardised feature by feature with the training states'
 * mean and std. Support: the Mahalanobis distance of the standardised
 * features from the training mean, d = ‖W·(c − m)‖ with W the inverse of the
 * Cholesky factor of the training features' covariance (plus a 1e-6 ridge).
 * A state farther than every training state (d > maxDistance) is outside the
 * data the generator was fitted on; the generator then gets the point on the
 * segment from the mean to c at distance maxDistance: in the Mahalanobis
 * metric that is the nearest supported state (the support is a ball in
 * whitened coordinates). The volatility recursion still starts from the
 * state's own variances: only the innovations' law is taken from the
 * supported state.
 */
export interface StateScaler {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  /** S × S lower-triangular inverse Cholesky factor (row-major) of the standardised training features' covariance. */
  readonly whiten: Float64Array;
  readonly center: Float64Array;
  readonly maxDistance: number;
  /** Sorted distances of (up to 257) training states, for percentiles. */
  readonly distances: Float64Array;
  /**
   * Factor mode (factor-structure.ts): A × K weights that reduce the A
   * per-asset volatility ratios to K features, one per factor; the features
   * are then [value 0, value 1, Σ_a (ln σ_a − ln σ̄_a)·P[a, k]] (S = K + 2).
   */
  readonly projection?: Float64Array;
}

/** Raw state → unstandardised features, into out[offset..] (A + 2 values, or K + 2 with a factor projection). */
export function features(state: ArrayLike<number>, logLongRunVol: Float64Array, out: Float64Array, offset = 0, projection?: Float64Array): void {
  const A = logLongRunVol.length;
  out[offset] = state[0];
  out[offset + 1] = state[1];
  if (projection === undefined) {
    for (let a = 0; a < A; a++) out[offset + 2 + a] = state[2 + a] - logLongRunVol[a];
    return;
  }
  const K = projection.length / A;
  for (let k = 0; k < K; k++) out[offset + 2 + k] = 0;
  for (let a = 0; a < A; a++) {
    const d = state[2 + a] - logLongRunVol[a];
    for (let k = 0; k < K; k++) out[offset + 2 + k] += d * projection[a * K + k];
  }
}

function cholesky(m: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? M_sqrt(M_max(s, 1e-12)) : s / l[j * n + j];
    }
  }
  return l;
}

function invertLower(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    inv[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[i * n + k] * inv[k * n + j];
      inv[i * n + j] = -s / l[i * n + i];
    }
  }
  return inv;
}

/** Mahalanobis distance of standardised features c (length S) under the scaler's whitening. */
export function distance(c: ArrayLike<number>, sc: StateScaler, offset = 0): number {
  const S = sc.mean.length;
  let d2 = 0;
  for (let i = 0; i < S; i++) {
    let v = 0;
    for (let k = 0; k <= i; k++) v += sc.whiten[i * S + k] * (c[offset + k] - sc.center[k]);
    d2 += v * v;
  }
  return M_sqrt(d2);
}

/**
 * Fits the standardisation and covariance on n × S raw training features;
 * the support's distances come from `supportRaw` (every state of the fitting
 * data, validation blocks included, so no state of the fitting period is
 * "out of range"), default `raw`.
 */
export function fitScaler(raw: Float64Array, S: number, supportRaw: Float64Array = raw, projection?: Float64Array): StateScaler {
  const n = raw.length / S;
  const mean = new Float64Array(S), std = new Float64Array(S);
  for (let i = 0; i < n; i++) for (let j = 0; j < S; j++) mean[j] += raw[i * S + j];
  for (let j = 0; j < S; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < S; j++) std[j] += (raw[i * S + j] - mean[j]) ** 2;
  for (let j = 0; j < S; j++) {
    const s = M_sqrt(std[j] / M_max(1, n - 1));
    std[j] = s > 1e-12 ? s : 1;
  }
  const c = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) c[i] = (raw[i] - mean[i % S]) / std[i % S];
  const center = new Float64Array(S);
  const cov = new Float64Array(S * S);
  for (let i = 0; i < n; i++) for (let j = 0; j < S; j++) for (let k = 0; k <= j; k++) cov[j * S + k] += c[i * S + j] * c[i * S + k];
  for (let j = 0; j < S; j++) {
    for (let k = 0; k <= j; k++) {
      cov[j * S + k] /= M_max(1, n - 1);
      cov[k * S + j] = cov[j * S + k];
    }
    cov[j * S + j] += 1e-6;
  }
  const whiten = invertLower(cholesky(cov, S), S);
  const partial: StateScaler = { mean, std, whiten, center, maxDistance: Infinity, distances: new Float64Array(0), ...(projection !== undefined ? { projection } : {}) };
  const ns = supportRaw.length / S;
  const cs = new Float64Array(supportRaw.length);
  for (let i = 0; i < supportRaw.length; i++) cs[i] = (supportRaw[i] - mean[i % S]) / std[i % S];
  const d = Float64Array.from({ length: ns }, (_, i) => distance(cs, partial, i * S)).sort();
  const keep = M_min(257, ns);
  const distances = Float64Array.from({ length: keep }, (_, k) => d[M_round((k * (ns - 1)) / M_max(1, keep - 1))]);
  return { ...partial, maxDistance: d[ns - 1], distances };
}

/** Share (0..100) of training states at most `d` from the centre. */
export function distancePercentile(d: number, sc: StateScaler): number {
  const x = sc.distances;
  let k = 0;
  while (k < x.length && x[k] <= d) k++;
  return (100 * k) / x.length;
}

export interface Encoded {
  readonly distance: number;
  /** Factor applied to (c − centre): 1 inside the support. */
  readonly shrink: number;
}

/**
 * Raw state → standardised features, shrunk onto the support, as float32 into
 * out[offset..]; returns the distance and the shrink factor.
 */
export function encodeState(state: ArrayLike<number>, logLongRunVol: Float64Array, sc: StateScaler, out: Float32Array, offset = 0, tmp = new Float64Array(stateSize(logLongRunVol.length))): Encoded {
  const S = sc.mean.length;
  features(state, logLongRunVol, tmp, 0, sc.projection);
  for (let j = 0; j < S; j++) tmp[j] = (tmp[j] - sc.mean[j]) / sc.std[j];
  const d = distance(tmp, sc);
  const shrink = d > sc.maxDistance ? sc.maxDistance / d : 1;
  for (let j = 0; j < S; j++) out[offset + j] = sc.center[j] + (tmp[j] - sc.center[j]) * shrink;
  return { distance: d, shrink };
}
