import { bootstrapTailRisk } from './bootstrap-tail.js';
import { quantileRankInterval } from './quantile-rank-interval.js';
import { sortLosses, tailRisk } from './sorted-losses.js';
import type { RiskErrorMethod, RiskWithError, RiskWithErrorsOptions } from './types.js';
import { checkConfidence } from './validate.js';

/** R type 7 quantile of an ascending array: x_⌊h⌋ + (h − ⌊h⌋)(x_⌈h⌉ − x_⌊h⌋), h = (B − 1) q. */
function quantileType7(sortedValues: Float64Array, q: number): number {
  const h = (sortedValues.length - 1) * q;
  const i = Math.floor(h);
  const j = Math.min(i + 1, sortedValues.length - 1);
  return sortedValues[i] + (h - i) * (sortedValues[j] - sortedValues[i]);
}

/** Sample standard deviation (denominator B − 1), two-pass. */
function sampleSd(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) * (x[i] - mean);
  return Math.sqrt(ss / (x.length - 1));
}

/** Standard error and equal-tailed percentile interval of bootstrap replicates. */
function summarise(replicates: Float64Array, level: number): { se: number; ci: [number, number] } {
  const se = sampleSd(replicates);
  const sorted = Float64Array.from(replicates).sort();
  return { se, ci: [quantileType7(sorted, (1 - level) / 2), quantileType7(sorted, (1 + level) / 2)] };
}

/**
 * VaR and ES at several confidence levels with their estimation error.
 *
 * Point estimates are exactly those of `riskAtLevels` (losses L = −P&L,
 * positive = loss; VaR = lower α-quantile without interpolation; ES by
 * Acerbi–Tasche). The sampling error comes from:
 *
 * - 'bootstrap' (default): B = `resamples` nonparametric bootstrap resamples
 *   of n = pnl.length scenarios drawn with replacement, scenario i with
 *   probability w_i / Σw (a multinomial on the weights; uniform without
 *   weights), each resample equally weighted. varSe / esSe are the standard
 *   deviations (denominator B − 1) of the B replicates; varCi / esCi are
 *   equal-tailed percentile intervals: R type 7 (linear interpolation)
 *   quantiles of the replicates at (1 − level)/2 and (1 + level)/2.
 * - 'order-statistics' (unweighted only): varCi is the distribution-free
 *   binomial interval [L_(r), L_(s)] of sorted losses L_(1) <= … <= L_(n),
 *   r the largest rank with P(B <= r − 1) <= (1 − level)/2 and s the smallest
 *   with P(B >= s) <= (1 − level)/2 for B ~ Binomial(n, α), so that its
 *   coverage is at least `level` for any continuous loss distribution
 *   (r = 0 gives −Infinity, s = n + 1 gives +Infinity when n is too small).
 *   ES has no distribution-free interval: esSe, esCi and varSe come from the
 *   bootstrap as above.
 *
 * The bootstrap sorts once and turns each resample into draw counts over the
 * sorted losses, read from the top down to the lowest level (no re-sorting):
 * O(n) per resample. The generator is xoshiro128** seeded from `seed`, so
 * results are reproducible.
 *
 * @param pnl P&L per scenario (finite numbers, at least one)
 * @param confidences levels α, each in (0, 1); results in this order
 * @param options weights, method, resamples (integer >= 2, default 500),
 *   seed (default 1), level (interval confidence in (0, 1), default 0.9)
 * @throws {RangeError} on invalid input, or weights with 'order-statistics'
 * @example
 * const [r] = riskWithErrors(pnl, [0.99], { resamples: 1000, seed: 7 });
 * // r.var, r.es as riskAtLevels; r.varSe, r.varCi = [lo, hi], r.esSe, r.esCi
 */
export function riskWithErrors(
  pnl: ArrayLike<number>,
  confidences: readonly number[],
  options: RiskWithErrorsOptions = {},
): RiskWithError[] {
  const method: RiskErrorMethod = options.method ?? 'bootstrap';
  if (method !== 'bootstrap' && method !== 'order-statistics') {
    throw new RangeError(`method must be 'bootstrap' or 'order-statistics', got ${String(method)}`);
  }
  const resamples = options.resamples ?? 500;
  if (!Number.isSafeInteger(resamples) || resamples < 2) {
    throw new RangeError(`resamples must be an integer >= 2, got ${String(resamples)}`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  const level = options.level ?? 0.9;
  checkConfidence(level, 'level');
  confidences.forEach((c, i) => checkConfidence(c, `confidences[${i}]`));
  if (method === 'order-statistics' && options.weights !== undefined) {
    throw new RangeError("the 'order-statistics' interval is for equally weighted samples; use method 'bootstrap' with weights");
  }

  const sorted = sortLosses(pnl, options.weights);
  const replicates = bootstrapTailRisk(sorted, confidences, resamples, seed);
  const n = sorted.losses.length;
  return confidences.map((confidence, l) => {
    const point = tailRisk(sorted, confidence);
    const v = summarise(replicates.vars[l], level);
    const e = summarise(replicates.ess[l], level);
    let varCi = v.ci;
    if (method === 'order-statistics') {
      const [r, s] = quantileRankInterval(n, confidence, level);
      varCi = [r >= 1 ? sorted.losses[r - 1] : -Infinity, s <= n ? sorted.losses[s - 1] : Infinity];
    }
    return {
      confidence,
      var: point.var,
      es: point.es,
      varSe: v.se,
      esSe: e.se,
      varCi,
      esCi: e.ci,
      method,
    };
  });
}
