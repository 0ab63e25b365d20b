import { createUint32Generator, UINT32_SCALE } from './seeded-uniform.js';
import type { ModelConfidenceSetOptions, ModelConfidenceSetResult } from './types.js';

/**
 * Model confidence set (Hansen, Lunde & Nason 2011, Econometrica 79(2)) with
 * the T_max statistic: the set of models that contains the best one (lowest
 * expected loss) with probability >= 1 − α, found by sequential elimination.
 *
 * Input: the per-day losses L_{i,t} of m models on the same T days (e.g.
 * `fz0Loss(...).losses`). For the surviving set M (size k), with
 * d_{i,t} = L_{i,t} − (1/k) Σ_{j∈M} L_{j,t} (model i against the set's average):
 *
 *   t_i = d̄_i / √v̂_i,   T_max = max_{i∈M} t_i,
 *
 * where v̂_i, the variance of d̄_i, and the null distribution of T_max come
 * from a circular moving-block bootstrap of the days (the same B resamples of
 * day indices for every model and every step): with ζ*_{b,i} = L̄*_{b,i} − L̄_i,
 * d̄*_{b,i} = ζ*_{b,i} − (1/k) Σ_{j∈M} ζ*_{b,j}, v̂_i = (1/B) Σ_b (d̄*_{b,i})²,
 * T*_b = max_i d̄*_{b,i}/√v̂_i, and p = (1/B) #{b : T*_b >= T_max}.
 * The model with the largest t_i is eliminated and the step repeats until one
 * model is left. A model's MCS p-value is the largest step p-value up to its
 * elimination (the last model gets 1); the MCS at level α holds the models
 * whose MCS p-value is >= α. (v̂_i = 0, e.g. identical models, gives t_i = 0.)
 *
 * Random draws: block starts are uniform over the T days, drawn from
 * `options.uniform` (pass the project's seeded Rng, `() => rng.uniform()`) or,
 * when absent, from a local xoshiro128** stream seeded by `options.seed`
 * (default 1). Block length default max(1, round(T^{1/3})), B default 1000.
 * Cost O(B m T) once for the resampled means, then O(B m²) for the steps.
 *
 * @param losses m arrays of per-day losses, same length T >= 2, finite; m >= 2
 * @param options alpha (default 0.1), resamples B, blockLength, seed or uniform
 * @throws {RangeError} on fewer than 2 models, mismatched lengths, non-finite losses or invalid options
 * @example
 * // A = 0 1 0 3, B = 0 0 0 0; blocks of 2; resamples = days 0 1 2 3 and 1 2 1 2:
 * // t_A = 0.5/√0.03125 = 2.83, bootstrap maxima 0 and 1.41 → p = 0, A eliminated
 * const u = [0, 0.5, 0.25, 0.25];
 * let i = 0;
 * modelConfidenceSet([[0, 1, 0, 3], [0, 0, 0, 0]], { resamples: 2, blockLength: 2, uniform: () => u[i++] });
 * // => { ranking: [1, 0], pValues: Float64Array [0, 1], included: [false, true], … }
 */
export function modelConfidenceSet(
  losses: ReadonlyArray<ArrayLike<number>>,
  options: ModelConfidenceSetOptions = {},
): ModelConfidenceSetResult {
  const m = losses.length;
  if (m < 2) throw new RangeError(`the model confidence set needs at least 2 models, got ${m}`);
  const T = losses[0].length;
  if (T < 2) throw new RangeError(`losses need at least 2 days, got ${T}`);
  for (let i = 0; i < m; i++) {
    if (losses[i].length !== T) throw new RangeError(`losses[${i}] has ${losses[i].length} days, expected ${T} (as losses[0])`);
    for (let t = 0; t < T; t++) {
      if (!Number.isFinite(losses[i][t])) throw new RangeError(`losses[${i}][${t}] must be a finite number, got ${String(losses[i][t])}`);
    }
  }
  const alpha = options.alpha ?? 0.1;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be a number strictly between 0 and 1, got ${String(alpha)}`);
  const B = options.resamples ?? 1000;
  if (!Number.isSafeInteger(B) || B < 1) throw new RangeError(`resamples must be a positive integer, got ${String(B)}`);
  const blockLength = options.blockLength ?? Math.max(1, Math.round(Math.cbrt(T)));
  if (!Number.isSafeInteger(blockLength) || blockLength < 1 || blockLength > T) {
    throw new RangeError(`blockLength must be an integer in [1, ${T}], got ${String(blockLength)}`);
  }
  let uniform = options.uniform;
  if (uniform === undefined) {
    const next = createUint32Generator(options.seed ?? 1);
    uniform = () => next() * UINT32_SCALE;
  }

  const mean = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += losses[i][t];
    mean[i] = s / T;
  }
  // zeta[b * m + i] = resampled mean of model i minus its sample mean.
  const zeta = new Float64Array(B * m);
  const sums = new Float64Array(m);
  for (let b = 0; b < B; b++) {
    sums.fill(0);
    let filled = 0;
    while (filled < T) {
      const start = Math.min(T - 1, Math.floor(uniform() * T));
      const len = Math.min(blockLength, T - filled);
      for (let k = 0; k < len; k++) {
        const t = (start + k) % T;
        for (let i = 0; i < m; i++) sums[i] += losses[i][t];
      }
      filled += len;
    }
    for (let i = 0; i < m; i++) zeta[b * m + i] = sums[i] / T - mean[i];
  }

  const alive: number[] = Array.from({ length: m }, (_, i) => i);
  const eliminated: number[] = [];
  const stepP: number[] = [];
  const v = new Float64Array(m);
  const dStar = new Float64Array(m);
  while (alive.length > 1) {
    const k = alive.length;
    let setMean = 0;
    for (const i of alive) setMean += mean[i];
    setMean /= k;
    v.fill(0);
    for (let b = 0; b < B; b++) {
      let zMean = 0;
      for (const i of alive) zMean += zeta[b * m + i];
      zMean /= k;
      for (const i of alive) {
        const d = zeta[b * m + i] - zMean;
        v[i] += d * d;
      }
    }
    let tMax = -Infinity;
    let worst = alive[0];
    for (const i of alive) {
      v[i] /= B;
      const t = ratio(mean[i] - setMean, v[i]);
      if (t > tMax) {
        tMax = t;
        worst = i;
      }
    }
    let exceed = 0;
    for (let b = 0; b < B; b++) {
      let zMean = 0;
      for (const i of alive) zMean += zeta[b * m + i];
      zMean /= k;
      let tb = -Infinity;
      for (const i of alive) {
        dStar[i] = zeta[b * m + i] - zMean;
        const t = ratio(dStar[i], v[i]);
        if (t > tb) tb = t;
      }
      if (tb >= tMax) exceed++;
    }
    stepP.push(exceed / B);
    eliminated.push(worst);
    alive.splice(alive.indexOf(worst), 1);
  }
  const pValues = new Float64Array(m);
  let running = 0;
  for (let s = 0; s < eliminated.length; s++) {
    running = Math.max(running, stepP[s]);
    pValues[eliminated[s]] = running;
  }
  pValues[alive[0]] = 1;
  const ranking = [alive[0], ...eliminated.slice().reverse()];
  const included = Array.from(pValues, (p) => p >= alpha);
  return { ranking, pValues, included, meanLoss: mean, alpha, resamples: B, blockLength };
}

/** d / √v with v = 0 read as "no variation": 0 for d = 0, ±Infinity otherwise. */
function ratio(d: number, v: number): number {
  if (v > 0) return d / Math.sqrt(v);
  return d > 0 ? Infinity : d < 0 ? -Infinity : 0;
}
