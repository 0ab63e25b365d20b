import { quantileSorted } from 'simple-statistics';
import { riskAtLevels } from './risk-at-levels.js';
import type { RiskWithError } from './types.js';

/** A source of uniform random indices, e.g. core's `Rng.forStream(seed, 0x7a11)` (risk does not depend on core). */
export interface IndexSource {
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** R type 7 quantile (simple-statistics `quantileSorted`) of an ascending typed array. */
const type7 = (sorted: Float64Array, q: number): number => quantileSorted(sorted as unknown as number[], q);

function sd(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/**
 * VaR / ES with estimation errors for importance-weighted paths, by the
 * pair bootstrap: B resamples of the n (P&L, weight) pairs drawn uniformly
 * with replacement (indices from `options.random`; the engine passes core's
 * Rng.forStream(seed, 0x7a11)). Resample b
 * gives path i the weight c_i·w_i (c_i its draw count), and its VaR / ES
 * are those of `riskAtLevels` on these weights: with losses L = −P&L walked
 * from the largest down and p_i = c_i·w_i / Σ c·w, VaR_α is the loss at
 * which the mass above first exceeds 1 − α and
 * ES_α = (Σ_{above} p_i L_i + VaR·(1 − α − Σ_{above} p_i)) / (1 − α)
 * (ties counted as separate atoms). One sort, then O(n) per resample.
 * Errors are the replicates' standard deviations (denominator B − 1),
 * intervals their R type 7 quantiles at (1 ∓ level)/2; point estimates are
 * riskAtLevels' own. Unlike the multinomial bootstrap on the weights (risk's
 * riskWithErrors), which treats the weighted sample as the distribution and
 * so reports about the error of plain Monte Carlo, this resamples the draws
 * the estimate was made from: it measures the importance sampler's error.
 *
 * @example
 * // 1,000 equally weighted P&L values; 200 resamples with core's Rng
 * pairBootstrapErrors(pnl, new Float64Array(1000).fill(1), [0.99], { random: Rng.forStream(1, 0x7a11), resamples: 200 });
 * // => [{ confidence: 0.99, var, es, varSe, esSe, varCi: [lo, hi], esCi: [lo, hi], method: 'bootstrap' }]
 */
export function pairBootstrapErrors(
  pnl: Float64Array,
  weights: Float64Array,
  levels: readonly number[],
  options: { random: IndexSource; resamples?: number; level?: number },
): RiskWithError[] {
  const n = pnl.length;
  const B = options.resamples ?? 500;
  const level = options.level ?? 0.9;
  const point = riskAtLevels(pnl, levels, weights);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => pnl[a] - pnl[b] || a - b);
  const varRep = levels.map(() => new Float64Array(B));
  const esRep = levels.map(() => new Float64Array(B));
  const rng = options.random;
  const counts = new Uint32Array(n);
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[rng.int(n)]++;
    let total = 0;
    for (let i = 0; i < n; i++) total += counts[i] * weights[i];
    levels.forEach((alpha, j) => {
      if (!(total > 0)) {
        varRep[j][b] = point[j].var;
        esRep[j][b] = point[j].es;
        return;
      }
      const tail = 1 - alpha;
      let above = 0, sum = 0, k = 0;
      for (; k < n - 1; k++) {
        const i = order[k];
        const p = (counts[i] * weights[i]) / total;
        if (above + p > tail + 1e-12) break;
        above += p;
        sum += p * -pnl[i];
      }
      const v = -pnl[order[k]];
      varRep[j][b] = v;
      esRep[j][b] = (sum + v * (tail - above)) / tail;
    });
  }
  return point.map((x, j) => {
    const vs = Float64Array.from(varRep[j]).sort(), es = Float64Array.from(esRep[j]).sort();
    const lo = (1 - level) / 2, hi = (1 + level) / 2;
    return {
      ...x,
      varSe: sd(varRep[j]),
      esSe: sd(esRep[j]),
      varCi: [type7(vs, lo), type7(vs, hi)] as [number, number],
      esCi: [type7(es, lo), type7(es, hi)] as [number, number],
      method: 'bootstrap' as const,
    };
  });
}
