// Bootstrap replicates of VaR / ES from one sort of the losses: each resample
// is a vector of draw counts over the sorted positions, read from the top
// down. Internal: not exported from index.ts.
import { createUint32Generator, UINT32_SCALE } from './seeded-uniform.js';
import { PROBABILITY_SLACK, type SortedLosses } from './sorted-losses.js';

// Bound once (see seeded-uniform.ts): global lookups are slow in vm sandboxes.
const floor = Math.floor;

/** Replicates per level, in the order of `alphas`: `vars[l][b]`, `ess[l][b]`. */
export interface TailReplicates {
  vars: Float64Array[];
  ess: Float64Array[];
}

/**
 * Vose's alias table for drawing position i with probability w_i / W in O(1):
 * draw j uniform in [0, n), keep j with probability prob[j], else take alias[j].
 */
function aliasTable(weights: Float64Array, total: number): { prob: Float64Array; alias: Int32Array } {
  const n = weights.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // Leftovers are 1 up to rounding.
  while (nl > 0) prob[large[--nl]] = 1;
  while (ns > 0) prob[small[--ns]] = 1;
  return { prob, alias };
}

/**
 * `resamples` bootstrap replicates of (VaR_α, ES_α) for every α, with the
 * definitions of `tailRisk` (lower quantile, Acerbi–Tasche) applied to each
 * resample: n = losses.length draws with replacement, position i drawn with
 * probability w_i / W (uniform without weights), every draw weight 1.
 *
 * Cost per resample: O(n) draws and a counts reset, plus a scan of the upper
 * tail down to the lowest α; no sorting.
 */
export function bootstrapTailRisk(
  sorted: SortedLosses,
  alphas: readonly number[],
  resamples: number,
  seed: number,
): TailReplicates {
  const { losses, weights, totalWeight } = sorted;
  const n = losses.length;
  const nLevels = alphas.length;
  const vars = alphas.map(() => new Float64Array(resamples));
  const ess = alphas.map(() => new Float64Array(resamples));
  // Levels resolved from the top of the distribution down: highest α first.
  const byAlpha = alphas.map((_, i) => i).sort((i, j) => alphas[j] - alphas[i]);
  const threshold = new Float64Array(nLevels);
  const tailMass = new Float64Array(nLevels);
  for (let l = 0; l < nLevels; l++) {
    const alpha = alphas[byAlpha[l]];
    threshold[l] = (alpha - PROBABILITY_SLACK) * n;
    tailMass[l] = (1 - alpha) * n;
  }

  const next = createUint32Generator(seed);
  const counts = new Int32Array(n);
  const table = weights === null ? null : aliasTable(weights, totalWeight);

  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    if (table === null) {
      for (let d = 0; d < n; d++) counts[floor(next() * UINT32_SCALE * n)]++;
    } else {
      const { prob, alias } = table;
      for (let d = 0; d < n; d++) {
        const j = floor(next() * UINT32_SCALE * n);
        counts[next() * UINT32_SCALE < prob[j] ? j : alias[j]]++;
      }
    }
    // From the top: `above` draws (and their loss sum) strictly beyond position k.
    // VaR index = smallest k with cum(k) = n − above(k) >= threshold.
    let level = 0;
    let above = 0;
    let sumAbove = 0;
    for (let k = n - 1; k >= 0 && level < nLevels; k--) {
      const c = counts[k];
      if (c === 0) continue;
      while (level < nLevels && n - above - c < threshold[level]) {
        const v = losses[k];
        const out = byAlpha[level];
        vars[out][b] = v;
        ess[out][b] = v + (sumAbove - v * above) / tailMass[level];
        level++;
      }
      above += c;
      sumAbove += c * losses[k];
    }
  }
  return { vars, ess };
}
