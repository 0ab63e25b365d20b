import { medianInPlace } from '../checks/context.js';
import { ledoitWolfShrinkage } from './ledoit-wolf.js';
import { covarianceFactor, mahalanobisFromFactor } from './mahalanobis.js';

/**
 * How unusual a vector of features (a market state) is against a set of
 * training vectors: a robust Mahalanobis distance and its percentile among
 * the training vectors' own distances.
 *
 * Fit, on the n × p training matrix X:
 * 1. centre c_j = median of column j, scale s_j = 1.4826 × its MAD (the
 *    standard deviation when the MAD is 0, 1 when that is 0 too);
 * 2. z = (x − c)/s, clipped to ±`clip` (default 4) for the covariance only,
 *    so a crisis in the training data does not inflate the covariance it is
 *    then measured against (a winsorised, Huber-type estimate);
 * 3. Σ = Ledoit–Wolf shrinkage of the second moments of the clipped z about
 *    0 (the median) towards a multiple of the identity (ledoit-wolf.ts):
 *    well conditioned however many features (a 30-asset state has 67) and
 *    however correlated they are. `shrinkage` set to a number in [0, 1]
 *    fixes the intensity instead.
 *
 * Score of x: d(x) = √(zᵀ Σ⁻¹ z) with z = (x − c)/s unclipped, and its
 * percentile = the share of training vectors whose distance is ≤ d(x)
 * (their empirical distribution function). A vector drawn from the same
 * distribution as the training vectors has a percentile close to uniform on
 * [0, 1]; one far outside has percentile 1.
 */
export interface AnomalyScorerOptions {
  /** Clip standardised features at ±clip for the covariance estimate; default 4, Infinity for none. */
  readonly clip?: number;
  /** `ledoit-wolf` (default) or a fixed shrinkage intensity in [0, 1]. */
  readonly shrinkage?: 'ledoit-wolf' | number;
}

export interface AnomalyScore {
  /** Robust Mahalanobis distance from the training centre. */
  readonly distance: number;
  /** Share of training vectors with distance ≤ this one, in [0, 1]. */
  readonly percentile: number;
}

export interface AnomalyScorer {
  readonly nFeatures: number;
  readonly nTraining: number;
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Shrinkage intensity used (0: the sample moments, 1: the identity target). */
  readonly shrinkage: number;
  /** The training vectors' distances, sorted ascending. */
  readonly trainingDistances: Float64Array;
  distance(x: ArrayLike<number>): number;
  /** The percentile of a distance (see the module comment). */
  percentile(distance: number): number;
  score(x: ArrayLike<number>): AnomalyScore;
  /** The q-quantile of the training distances (the ⌈q·n⌉-th smallest), e.g. q = 0.99 for the line a chart marks. */
  quantile(q: number): number;
}

export function fitAnomalyScorer(x: Float64Array, nRows: number, nFeatures: number, options: AnomalyScorerOptions = {}): AnomalyScorer {
  const n = nRows;
  const p = nFeatures;
  if (x.length !== n * p) throw new RangeError(`fitAnomalyScorer: ${x.length} values, expected ${n} × ${p}`);
  if (n < 2) throw new RangeError(`fitAnomalyScorer: needs at least 2 training vectors, got ${n}`);
  const clip = options.clip ?? 4;
  const shrink = options.shrinkage ?? 'ledoit-wolf';
  if (!(clip > 0)) throw new RangeError(`clip must be > 0, got ${clip}`);
  if (shrink !== 'ledoit-wolf' && !(shrink >= 0 && shrink <= 1)) throw new RangeError(`shrinkage must be ledoit-wolf or a number in [0, 1], got ${shrink}`);

  const center = new Float64Array(p);
  const scale = new Float64Array(p);
  const col = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (col[i] = x[i * p + j]);
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    const med = medianInPlace(col);
    for (let i = 0; i < n; i++) col[i] = Math.abs(col[i] - med);
    const mad = 1.4826 * medianInPlace(col);
    center[j] = med;
    scale[j] = mad > 0 ? mad : sd > 0 ? sd : 1;
  }
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = (x[i * p + j] - center[j]) / scale[j];
      z[i * p + j] = v > clip ? clip : v < -clip ? -clip : v;
    }
  }
  const { covariance, intensity } = ledoitWolfShrinkage(z, n, p, shrink === 'ledoit-wolf' ? undefined : shrink);
  const factor = covarianceFactor(covariance, p);
  const zero = new Float64Array(p);
  const work = new Float64Array(p);
  const standardise = new Float64Array(p);
  const distance = (v: ArrayLike<number>): number => {
    if (v.length !== p) throw new RangeError(`anomaly score: the vector has ${v.length} features, the scorer ${p}`);
    for (let j = 0; j < p; j++) standardise[j] = (v[j] - center[j]) / scale[j];
    return mahalanobisFromFactor(standardise, zero, factor, p, work);
  };
  const trainingDistances = new Float64Array(n);
  for (let i = 0; i < n; i++) trainingDistances[i] = distance(x.subarray(i * p, (i + 1) * p));
  trainingDistances.sort();
  const percentile = (d: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (trainingDistances[mid] <= d) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  };
  return {
    nFeatures: p,
    nTraining: n,
    center,
    scale,
    shrinkage: intensity,
    trainingDistances,
    distance,
    percentile,
    score: (v) => {
      const d = distance(v);
      return { distance: d, percentile: percentile(d) };
    },
    quantile: (q) => {
      if (!(q > 0 && q <= 1)) throw new RangeError(`quantile level must be in (0, 1], got ${q}`);
      return trainingDistances[Math.max(1, Math.ceil(q * n - 1e-12)) - 1];
    },
  };
}
