import { Rng } from '@tailforge/core';
import { drawdownAtRisk, drawdownSummary, riskAtLevels, type DrawdownSummary, type RiskWithError } from '@tailforge/risk';

/**
 * Figures of importance-weighted paths where the unweighted helpers would
 * be wrong: estimation errors and the drawdown summary.
 */

/** R type 7 quantile of an ascending array. */
function type7(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const i = Math.floor(h), j = Math.min(i + 1, sorted.length - 1);
  return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
}

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
 * with replacement (stream (seed, 0x7a11) of the core Rng). Resample b
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
 */
export function pairBootstrapErrors(
  pnl: Float64Array,
  weights: Float64Array,
  levels: readonly number[],
  options: { seed: number; resamples?: number; level?: number },
): RiskWithError[] {
  const n = pnl.length;
  const B = options.resamples ?? 500;
  const level = options.level ?? 0.9;
  const point = riskAtLevels(pnl, levels, weights);
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => pnl[a] - pnl[b] || a - b);
  const varRep = levels.map(() => new Float64Array(B));
  const esRep = levels.map(() => new Float64Array(B));
  const rng = Rng.forStream(options.seed, 0x7a11);
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

/**
 * Drawdown summary of weighted paths: mean = Σ w·d / Σ w; median, p95, p99 =
 * weighted lower quantiles (drawdownAtRisk: inf{d : P_w(MDD ≤ d) ≥ q}, no
 * interpolation, unlike the type-7 quantiles of the unweighted
 * drawdownSummary); max = the largest drawdown of any path. Without weights
 * it is drawdownSummary.
 */
export function weightedDrawdownSummary(maxDrawdowns: Float64Array, weights?: Float64Array): DrawdownSummary {
  if (weights === undefined) return drawdownSummary(maxDrawdowns);
  const base = drawdownSummary(maxDrawdowns);
  let sw = 0, s = 0;
  for (let i = 0; i < maxDrawdowns.length; i++) {
    sw += weights[i];
    s += weights[i] * maxDrawdowns[i];
  }
  return {
    mean: s / sw,
    median: drawdownAtRisk(maxDrawdowns, 0.5, weights),
    p95: drawdownAtRisk(maxDrawdowns, 0.95, weights),
    p99: drawdownAtRisk(maxDrawdowns, 0.99, weights),
    max: base.max,
  };
}
