import type { LiquidityHorizonESOptions } from './types.js';

/** FRTB liquidity horizons in days. */
const FRTB_HORIZONS = [10, 20, 40, 60, 120];

/**
 * Liquidity-horizon-adjusted Expected Shortfall by the FRTB cascade (Basel
 * Committee, Minimum capital requirements for market risk, MAR33.4):
 *
 *   ES = √( ES_T(P)² + Σ_{j>=2} ( ES_T(P, j) · √((LH_j − LH_{j−1}) / T) )² )
 *
 * - T: the base horizon (10 days);
 * - LH_1 < LH_2 < …: the liquidity horizons (10, 20, 40, 60, 120 days);
 * - ES_T(P): the T-day 97.5% ES of the portfolio with every risk factor shocked;
 * - ES_T(P, j): the T-day ES with only the risk factors whose liquidity
 *   horizon is at least LH_j shocked, the others held at today's value.
 *
 * `esByBucket[0]` is ES_T(P) (= ES_T(P, 1), every factor has LH >= LH_1) and
 * `esByBucket[j − 1]` is ES_T(P, j); a bucket with no risk factors has ES 0.
 * Each term scales a T-day ES to the extra liquidity horizon by the square
 * root of time, and the buckets combine as if independent.
 *
 * @param esByBucket ES_T(P, j) for j = 1..k, finite, k <= horizons.length
 * @param options horizons LH_1..LH_k (default 10/20/40/60/120, strictly increasing, LH_1 = T), baseHorizon T (default LH_1)
 * @throws {RangeError} on non-finite ES, more buckets than horizons or invalid horizons
 * @example
 * // three buckets 10/20/40, T = 10: √(10² + (6 · √1)² + (3 · √2)²) = √154 = 12.4097…
 * liquidityHorizonES([10, 6, 3]); // => 12.409673645990857
 */
export function liquidityHorizonES(esByBucket: ArrayLike<number>, options: LiquidityHorizonESOptions = {}): number {
  const horizons = options.horizons ?? FRTB_HORIZONS;
  const k = esByBucket.length;
  if (k === 0) throw new RangeError('esByBucket must hold at least ES_T(P), the full-portfolio ES');
  if (k > horizons.length) throw new RangeError(`esByBucket has ${k} buckets, only ${horizons.length} liquidity horizons`);
  for (let j = 0; j < horizons.length; j++) {
    const lh = horizons[j];
    if (!(Number.isFinite(lh) && lh > 0) || (j > 0 && !(lh > horizons[j - 1]))) {
      throw new RangeError(`horizons must be positive and strictly increasing, got [${horizons.join(', ')}]`);
    }
  }
  const T = options.baseHorizon ?? horizons[0];
  if (!(Number.isFinite(T) && T > 0)) throw new RangeError(`baseHorizon must be a positive number, got ${String(T)}`);
  let sum = 0;
  for (let j = 0; j < k; j++) {
    const es = esByBucket[j];
    if (!Number.isFinite(es)) throw new RangeError(`esByBucket[${j}] must be a finite number, got ${String(es)}`);
    const scaled = j === 0 ? es : es * Math.sqrt((horizons[j] - horizons[j - 1]) / T);
    sum += scaled * scaled;
  }
  return Math.sqrt(sum);
}
