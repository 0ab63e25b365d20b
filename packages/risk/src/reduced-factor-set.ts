import type { ReducedFactorSetResult } from './types.js';

/**
 * A reduced set of risk factors for the FRTB stressed calibration
 * (`stressedCalibrationES`), chosen by coverage of variance: the fewest
 * factors, added greedily, whose P&L explains at least `threshold` (default
 * 75%) of the variance of the full portfolio P&L on the current period.
 *
 * With X_{t,j} the P&L of the positions driven by factor j on day t (the
 * others held), P_t = Σ_j X_{t,j} the full P&L and R_t = Σ_{j∈S} X_{t,j}
 * that of a set S,
 *
 *   coverage(S) = 1 − Var(P − R) / Var(P)
 *
 * (population variances over the T days; 1 for the full set, can be negative
 * for a set that adds noise). Starting from S = ∅, each step adds the factor
 * that raises coverage most (first index on ties), until coverage >=
 * threshold. Greedy forward selection is not guaranteed to find the smallest
 * such set, but it is the stated, reproducible rule. Cost O(m² T).
 *
 * @param factorPnl T × m factor P&L, row-major by day (finite)
 * @param nFactors m (>= 1)
 * @param threshold coverage to reach, in (0, 1] (default 0.75)
 * @throws {RangeError} on inconsistent dimensions, non-finite P&L, a constant portfolio P&L or an invalid threshold
 * @example
 * // 2 days, factors with P&L (2, 1) and (−2, 1): P = (3, −1), Var P = 4.
 * // {0}: P − R = (1, 1), Var 0 → coverage 1; {1}: P − R = (2, −2) → 1 − 4/4 = 0
 * reducedFactorSet(Float64Array.of(2, 1, -2, 1), 2); // => { factors: [0], coverage: 1, coverageByStep: [1] }
 */
export function reducedFactorSet(factorPnl: Float64Array, nFactors: number, threshold = 0.75): ReducedFactorSetResult {
  const m = nFactors;
  if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`nFactors must be a positive integer, got ${String(m)}`);
  if (factorPnl.length === 0 || factorPnl.length % m !== 0) {
    throw new RangeError(`factorPnl has length ${factorPnl.length}, not a positive multiple of nFactors (${m})`);
  }
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${String(threshold)}`);
  const T = factorPnl.length / m;
  const residual = new Float64Array(T); // P − R for the current set
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < m; j++) {
      const x = factorPnl[t * m + j];
      if (!Number.isFinite(x)) throw new RangeError(`factorPnl[${t * m + j}] (day ${t}, factor ${j}) must be a finite number, got ${x}`);
      s += x;
    }
    residual[t] = s;
  }
  const total = variance(residual, null, 0, 0);
  if (!(total > 0)) throw new RangeError('the portfolio P&L is constant over the period: no variance to cover');
  const chosen = new Uint8Array(m);
  const factors: number[] = [];
  const coverageByStep: number[] = [];
  let coverage = 0;
  while (coverage < threshold && factors.length < m) {
    let best = -1;
    let bestVar = Infinity;
    for (let j = 0; j < m; j++) {
      if (chosen[j]) continue;
      const v = variance(residual, factorPnl, m, j);
      if (v < bestVar) {
        bestVar = v;
        best = j;
      }
    }
    chosen[best] = 1;
    factors.push(best);
    for (let t = 0; t < T; t++) residual[t] -= factorPnl[t * m + best];
    coverage = factors.length === m ? 1 : 1 - bestVar / total;
    coverageByStep.push(coverage);
  }
  return { factors, coverage, coverageByStep };
}

/** Population variance of residual − (column j of x, when x is given). */
function variance(residual: Float64Array, x: Float64Array | null, m: number, j: number): number {
  const T = residual.length;
  let mean = 0;
  for (let t = 0; t < T; t++) mean += x === null ? residual[t] : residual[t] - x[t * m + j];
  mean /= T;
  let ss = 0;
  for (let t = 0; t < T; t++) {
    const d = (x === null ? residual[t] : residual[t] - x[t * m + j]) - mean;
    ss += d * d;
  }
  return ss / T;
}
