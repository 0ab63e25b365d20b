import { Rng } from '../../random/rng.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { abs: M_abs, floor: M_floor, max: M_max, min: M_min, sqrt: M_sqrt } = Math;

/**
 * Factor structure of a large universe (the cgan's `factors` parameter).
 *
 * Above FACTOR_AUTO_THRESHOLD assets a GAN on every asset's H × A window is
 * slow to train (the discriminator's input grows as 2·H·A) and needs far more
 * windows than a few years of history give. Instead, with u the assets'
 * Gaussianised filtered innovations (tails.ts) on the training days and
 * C = cov(u) = V·diag(λ)·Vᵀ (principal components, λ descending):
 *
 *   f = u·V_K·diag(λ_K)^(−1/2)   (K standardised factor scores: the GAN models their H-day windows),
 *   e = u − f·Λ,  Λ = diag(λ_K)^(1/2)·V_Kᵀ  (K × A loadings): the idiosyncratic residual of each day.
 *
 * K is the smallest number of components explaining FACTOR_VARIANCE of the
 * total variance (trace C), at most MAX_FACTORS (or the user's K). Generated
 * innovations are u = f·Λ + e with f from the GAN and e a training day's
 * residual row, drawn uniformly and independently for each generated day (a
 * bootstrap of whole rows: it keeps each asset's residual law and the residual
 * dependence the K factors leave, such as sector effects, at one draw per day);
 * then the margins and the per-asset GJR filter as for the full GAN.
 *
 * The state's A volatility ratios ln σ_a − ln σ̄_a reach the generator through
 * K weighted averages, weights V[a, k]² (each column sums to 1: the factor's
 * variance share by asset), so the conditioning features are K + 2, not A + 2.
 */

/** `factors: auto` uses the factor structure above this many assets. */
export const FACTOR_AUTO_THRESHOLD = 60;
/** Share of the innovations' total variance the K factors explain (auto K). */
export const FACTOR_VARIANCE = 0.85;
/** Largest K chosen automatically. */
export const MAX_FACTORS = 20;

export type FactorSetting = 'auto' | 'off' | number;

/** The K a setting gives for A assets: undefined = no factor structure; 0 = choose by explained variance. */
export function factorCount(setting: FactorSetting, A: number): number | undefined {
  if (setting === 'off') return undefined;
  if (setting === 'auto') return A > FACTOR_AUTO_THRESHOLD ? 0 : undefined;
  return setting;
}

export interface FactorStructure {
  /** K × A: u's common part is f·loadings (f standardised scores). */
  readonly loadings: Float64Array;
  /** A × K: scores f = u·scoreMap. */
  readonly scoreMap: Float64Array;
  /** A × K: state projection, V[a, k]² (see the module comment). */
  readonly projection: Float64Array;
  /** D × A residual rows e = u − f·loadings of the D training days. */
  readonly residuals: Float32Array;
  /** λ_1..λ_K and the share of trace C they explain. */
  readonly eigenvalues: Float64Array;
  readonly explained: number;
}

/** Number of factors of a structure. */
export function factorsOf(f: FactorStructure): number {
  return f.eigenvalues.length;
}

/**
 * Fits the structure on D × A rows u (one per training day). `k` = 0 chooses K
 * by {@link FACTOR_VARIANCE} (capped at {@link MAX_FACTORS} and A − 1); k > 0 is used as given (< A).
 */
export function fitFactorStructure(u: ArrayLike<number>, D: number, A: number, k: number): FactorStructure {
  if (!(k >= 0 && k < A)) throw new RangeError(`factors must be below the number of assets (${A}), got ${k}`);
  const mean = new Float64Array(A);
  for (let d = 0; d < D; d++) for (let a = 0; a < A; a++) mean[a] += u[d * A + a];
  for (let a = 0; a < A; a++) mean[a] /= D;
  const c = new Float64Array(A * A);
  const row = new Float64Array(A);
  for (let d = 0; d < D; d++) {
    for (let a = 0; a < A; a++) row[a] = u[d * A + a] - mean[a];
    for (let a = 0; a < A; a++) {
      const x = row[a];
      const o = a * A;
      for (let b = 0; b <= a; b++) c[o + b] += x * row[b];
    }
  }
  let trace = 0;
  for (let a = 0; a < A; a++) {
    for (let b = 0; b <= a; b++) {
      c[a * A + b] /= M_max(1, D - 1);
      c[b * A + a] = c[a * A + b];
    }
    trace += c[a * A + a];
  }
  const want = k > 0 ? k : M_min(MAX_FACTORS, A - 1);
  const { values, vectors } = topEigen(c, A, want);
  let K = want;
  if (k === 0) {
    let cum = 0;
    for (let j = 0; j < want; j++) {
      cum += values[j];
      if (cum >= FACTOR_VARIANCE * trace) {
        K = j + 1;
        break;
      }
    }
  }
  const eigenvalues = values.slice(0, K);
  const loadings = new Float64Array(K * A), scoreMap = new Float64Array(A * K), projection = new Float64Array(A * K);
  for (let j = 0; j < K; j++) {
    const sl = M_sqrt(M_max(eigenvalues[j], 1e-12));
    for (let a = 0; a < A; a++) {
      const v = vectors[a * want + j];
      loadings[j * A + a] = sl * v;
      scoreMap[a * K + j] = v / sl;
      projection[a * K + j] = v * v;
    }
  }
  const residuals = new Float32Array(D * A);
  const f = new Float64Array(K);
  for (let d = 0; d < D; d++) {
    f.fill(0);
    for (let a = 0; a < A; a++) {
      const x = u[d * A + a];
      for (let j = 0; j < K; j++) f[j] += x * scoreMap[a * K + j];
    }
    for (let a = 0; a < A; a++) {
      let common = 0;
      for (let j = 0; j < K; j++) common += f[j] * loadings[j * A + a];
      residuals[d * A + a] = u[d * A + a] - common;
    }
  }
  let explained = 0;
  for (const v of eigenvalues) explained += v;
  return { loadings, scoreMap, projection, residuals, eigenvalues, explained: trace > 0 ? explained / trace : 0 };
}

/** Scores of n × A rows: n × K (row-major), f = u·scoreMap. */
export function factorScores(u: ArrayLike<number>, n: number, fs: FactorStructure): Float32Array {
  const K = factorsOf(fs), A = fs.scoreMap.length / K;
  const out = new Float32Array(n * K);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < A; a++) {
      const x = u[i * A + a];
      for (let j = 0; j < K; j++) out[i * K + j] += x * fs.scoreMap[a * K + j];
    }
  }
  return out;
}

/**
 * Standard normal CDF Φ (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8):
 * the map from a latent normal to the residual day, index ⌊Φ(x)·D⌋.
 */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * M_abs(x));
  const pdf = 0.3989422804014327 * Math.exp(-0.5 * x * x);
  const tail = pdf * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - tail : tail;
}

/** Residual day of a latent normal x among D days: ⌊Φ(x)·D⌋, within 0..D−1. */
export function residualDay(x: number, D: number): number {
  return M_min(D - 1, M_max(0, M_floor(normalCdf(x) * D)));
}

/**
 * The m largest eigenpairs of a symmetric n × n matrix (row-major) by subspace
 * iteration with Rayleigh–Ritz (m + 8 vectors, orthonormalised by modified
 * Gram–Schmidt, until the Ritz values settle to 1e-10 relative or 300 steps);
 * vectors n × m row-major, values descending.
 */
export function topEigen(c: Float64Array, n: number, m: number): { values: Float64Array; vectors: Float64Array } {
  const p = M_min(n, m + 8);
  const rng = new Rng(0xe16e);
  let q: Float64Array = new Float64Array(n * p);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, n, p);
  let z: Float64Array = new Float64Array(n * p);
  let previous: Float64Array = new Float64Array(p);
  let ritz: { values: Float64Array; vectors: Float64Array } = { values: new Float64Array(p), vectors: new Float64Array(p * p) };
  for (let it = 0; it < 300; it++) {
    multiply(c, q, z, n, p);
    // Rayleigh–Ritz on span(q): T = qᵀ·C·q = qᵀ·z.
    const t = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        const x = q[i * p + a];
        for (let b = 0; b < p; b++) t[a * p + b] += x * z[i * p + b];
      }
    }
    ritz = jacobiEigen(t, p);
    let settled = true;
    for (let j = 0; j < m; j++) if (M_abs(ritz.values[j] - previous[j]) > 1e-10 * M_max(1e-300, M_abs(ritz.values[0]))) settled = false;
    previous = ritz.values;
    // Next basis: z rotated onto the Ritz vectors, orthonormalised.
    const next = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let b = 0; b < p; b++) {
        let s = 0;
        for (let a = 0; a < p; a++) s += z[i * p + a] * ritz.vectors[a * p + b];
        next[i * p + b] = s;
      }
    }
    orthonormalise(next, n, p);
    const done = settled && it > 2;
    if (done) {
      // Final vectors: q rotated onto the Ritz vectors of T.
      const v = new Float64Array(n * m);
      for (let i = 0; i < n; i++) {
        for (let b = 0; b < m; b++) {
          let s = 0;
          for (let a = 0; a < p; a++) s += q[i * p + a] * ritz.vectors[a * p + b];
          v[i * m + b] = s;
        }
      }
      return { values: ritz.values.slice(0, m), vectors: v };
    }
    [q, z] = [next, z];
  }
  const v = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let b = 0; b < m; b++) for (let a = 0; a < p; a++) v[i * m + b] += q[i * p + a] * ritz.vectors[a * p + b];
  return { values: ritz.values.slice(0, m), vectors: v };
}

/** z = c·q for c n × n, q n × p. */
function multiply(c: Float64Array, q: Float64Array, z: Float64Array, n: number, p: number): void {
  z.fill(0);
  for (let i = 0; i < n; i++) {
    const zo = i * p;
    for (let k = 0; k < n; k++) {
      const x = c[i * n + k];
      if (x === 0) continue;
      const qo = k * p;
      for (let b = 0; b < p; b++) z[zo + b] += x * q[qo + b];
    }
  }
}

/** Modified Gram–Schmidt on the p columns of an n × p matrix, in place. */
function orthonormalise(q: Float64Array, n: number, p: number): void {
  for (let b = 0; b < p; b++) {
    for (let a = 0; a < b; a++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * p + a] * q[i * p + b];
      for (let i = 0; i < n; i++) q[i * p + b] -= d * q[i * p + a];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * p + b] * q[i * p + b];
    norm = M_sqrt(norm);
    for (let i = 0; i < n; i++) q[i * p + b] = norm > 1e-300 ? q[i * p + b] / norm : 0;
  }
}

/** Eigenpairs of a small symmetric p × p matrix by cyclic Jacobi rotations; values descending, vectors as columns (p × p row-major). */
export function jacobiEigen(t: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(t);
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[i * p + j] = a[j * p + i] = (a[i * p + j] + a[j * p + i]) / 2;
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] * a[i * p + j];
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (M_abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const tt = (theta >= 0 ? 1 : -1) / (M_abs(theta) + M_sqrt(theta * theta + 1));
        const cs = 1 / M_sqrt(tt * tt + 1), sn = tt * cs;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i], akj = a[k * p + j];
          a[k * p + i] = cs * aki - sn * akj;
          a[k * p + j] = sn * aki + cs * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k], ajk = a[j * p + k];
          a[i * p + k] = cs * aik - sn * ajk;
          a[j * p + k] = sn * aik + cs * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i], vkj = v[k * p + j];
          v[k * p + i] = cs * vki - sn * vkj;
          v[k * p + j] = sn * vki + cs * vkj;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => a[y * p + y] - a[x * p + x]);
  const values = Float64Array.from(order, (i) => a[i * p + i]);
  const vectors = new Float64Array(p * p);
  for (let r = 0; r < p; r++) for (let c2 = 0; c2 < p; c2++) vectors[r * p + c2] = v[r * p + order[c2]];
  return { values, vectors };
}
