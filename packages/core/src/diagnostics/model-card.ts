import { acfByAsset, leverageByAsset, meanOverAssets } from './acf.js';
import { correlationError, correlationMatrix } from './correlation.js';
import { assetMoments } from './moments.js';
import { equalWeightWindowReturns } from './portfolio-returns.js';
import { quantileL1, quantileSorted, sortedCopy, tailWasserstein1 } from './wasserstein.js';
import { assetColumn, checkWindowSet, type WindowSet } from './window-set.js';
import { metricVerdicts, type MetricVerdict } from './verdicts.js';

/**
 * The model card: statistics of real held-out windows and of each model's
 * windows, and each model's distance to the real ones. Plain JSON (arrays of
 * numbers), ready for diagnostics.json and the report.
 */

/** Summary of a one-dimensional distribution; quantiles are lower empirical quantiles (see wasserstein.ts). */
export interface DistributionSummary {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly q01: number;
  readonly q05: number;
  readonly q50: number;
  readonly q95: number;
  readonly q99: number;
}

/** Statistics of one set of windows. Per-asset arrays follow the symbol order; per-lag arrays start at lag 1. */
export interface WindowStats {
  readonly nWindows: number;
  readonly mean: number[];
  readonly std: number[];
  readonly skew: number[];
  readonly excessKurtosis: number[];
  /** Per-asset lower 1% and 99% quantiles of daily returns. */
  readonly q01: number[];
  readonly q99: number[];
  /** ACF of returns and of absolute returns, mean over assets, lags 1..maxLag. */
  readonly acf: number[];
  readonly acfAbs: number[];
  /** corr(r_t, |r_{t+k}|), mean over assets, lags 1..maxLag. */
  readonly leverage: number[];
  /** Correlation matrix, A × A row-major. */
  readonly correlation: number[];
  /** Equal-weight portfolio return over a whole window (simple return). */
  readonly portfolio: DistributionSummary;
}

/** How far a model's windows are from the real ones. */
export interface WindowErrors {
  /** Wasserstein-1 of each asset's daily-return marginal, in return units. */
  readonly w1: number[];
  /** Mean over assets of W1 / real std (scale-free). */
  readonly w1Scaled: number;
  /** Mean over assets of |q_model − q_real| at 1% and 99%, return units. */
  readonly q01Error: number;
  readonly q99Error: number;
  /** Tail W1 (mean |quantile difference| over the worst / best 1%), mean over assets, return units. */
  readonly tailW1Lower: number;
  readonly tailW1Upper: number;
  /** Mean over assets of |log(std_model / std_real)|. */
  readonly stdLogRatio: number;
  /** |mean excess kurtosis of the model − that of the real| / |that of the real| (assets averaged first). */
  readonly kurtosisRelError: number;
  /** Mean over assets of |k_model − k_real| / |k_real|. */
  readonly kurtosisRelErrorPerAsset: number;
  /** Mean over lags 1..5 of |ACF_model − ACF_real| (each averaged over assets), for r and for |r|. */
  readonly acfError1to5: number;
  readonly acfAbsError1to5: number;
  /** Mean ACF of |r| over lags 1..5 and assets (positive = volatility clustering). */
  readonly acfAbsMean1to5: number;
  readonly leverageError1to5: number;
  /** Mean absolute error of the correlation matrix over pairs i < j. */
  readonly correlationMae: number;
  /** W1 of the equal-weight window-return distributions. */
  readonly portfolioW1: number;
}

export interface ModelCard {
  readonly horizon: number;
  readonly nAssets: number;
  readonly maxLag: number;
  readonly real: WindowStats;
  readonly models: readonly { readonly name: string; readonly stats: WindowStats; readonly errors: WindowErrors }[];
  /** Verdicts of the first model against the best of the others, per metric (verdicts.ts). */
  readonly verdicts?: readonly MetricVerdict[];
}

interface FullStats {
  readonly stats: WindowStats;
  /** Sorted daily returns per asset, and sorted portfolio returns, for the distances. */
  readonly sortedColumns: Float64Array[];
  readonly sortedPortfolio: Float64Array;
  readonly correlation: Float64Array;
}

/** Summary of a sample: mean, sample std, lower quantiles. */
export function summarize(sorted: Float64Array): DistributionSummary {
  const n = sorted.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i];
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (sorted[i] - mean) ** 2;
  return {
    n,
    mean,
    std: n > 1 ? Math.sqrt(v / (n - 1)) : 0,
    q01: quantileSorted(sorted, 0.01),
    q05: quantileSorted(sorted, 0.05),
    q50: quantileSorted(sorted, 0.5),
    q95: quantileSorted(sorted, 0.95),
    q99: quantileSorted(sorted, 0.99),
  };
}

function fullStats(w: WindowSet, maxLag: number): FullStats {
  checkWindowSet(w);
  const A = w.nAssets;
  const m = assetMoments(w);
  const sortedColumns = Array.from({ length: A }, (_, a) => sortedCopy(assetColumn(w, a)));
  const corr = correlationMatrix(w);
  const sortedPortfolio = sortedCopy(equalWeightWindowReturns(w));
  const stats: WindowStats = {
    nWindows: w.nWindows,
    mean: [...m.mean],
    std: [...m.std],
    skew: [...m.skew],
    excessKurtosis: [...m.excessKurtosis],
    q01: sortedColumns.map((c) => quantileSorted(c, 0.01)),
    q99: sortedColumns.map((c) => quantileSorted(c, 0.99)),
    acf: [...meanOverAssets(acfByAsset(w, maxLag, false), A, maxLag)],
    acfAbs: [...meanOverAssets(acfByAsset(w, maxLag, true), A, maxLag)],
    leverage: [...meanOverAssets(leverageByAsset(w, maxLag), A, maxLag)],
    correlation: [...corr],
    portfolio: summarize(sortedPortfolio),
  };
  return { stats, sortedColumns, sortedPortfolio, correlation: corr };
}

const mean = (x: readonly number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
/** Mean of the finite values (lags past the window are NaN). */
const finiteMean = (x: readonly number[]): number => mean(x.filter(Number.isFinite));
/** Mean over lags 1..upTo of |a_k − b_k|, skipping lags without pairs. */
const lagError = (a: readonly number[], b: readonly number[], upTo: number): number =>
  finiteMean(a.slice(0, upTo).map((v, k) => Math.abs(v - b[k])));

function compare(real: FullStats, model: FullStats, nAssets: number): WindowErrors {
  const r = real.stats, m = model.stats;
  const w1 = real.sortedColumns.map((c, a) => quantileL1(c, model.sortedColumns[a]));
  const tails = real.sortedColumns.map((c, a) => tailWasserstein1(c, model.sortedColumns[a], 0.01));
  const kr = mean(r.excessKurtosis), km = mean(m.excessKurtosis);
  return {
    w1,
    w1Scaled: mean(w1.map((d, a) => (r.std[a] > 0 ? d / r.std[a] : 0))),
    q01Error: mean(r.q01.map((q, a) => Math.abs(m.q01[a] - q))),
    q99Error: mean(r.q99.map((q, a) => Math.abs(m.q99[a] - q))),
    tailW1Lower: mean(tails.map((t) => t.lower)),
    tailW1Upper: mean(tails.map((t) => t.upper)),
    stdLogRatio: mean(r.std.map((s, a) => (s > 0 && m.std[a] > 0 ? Math.abs(Math.log(m.std[a] / s)) : Infinity))),
    kurtosisRelError: Math.abs(km - kr) / Math.abs(kr),
    kurtosisRelErrorPerAsset: mean(r.excessKurtosis.map((k, a) => Math.abs(m.excessKurtosis[a] - k) / Math.abs(k))),
    acfError1to5: lagError(m.acf, r.acf, 5),
    acfAbsError1to5: lagError(m.acfAbs, r.acfAbs, 5),
    acfAbsMean1to5: finiteMean(m.acfAbs.slice(0, 5)),
    leverageError1to5: lagError(m.leverage, r.leverage, 5),
    correlationMae: correlationError(real.correlation, model.correlation, nAssets),
    portfolioW1: quantileL1(real.sortedPortfolio, model.sortedPortfolio),
  };
}

/**
 * Compares real windows with each model's windows (same horizon and assets):
 * statistics of each set and every model's distances to the real set.
 */
export function modelCard(real: WindowSet, models: readonly { name: string; windows: WindowSet }[], maxLag = 20): ModelCard {
  const r = fullStats(real, maxLag);
  const out = models.map(({ name, windows }) => {
    if (windows.horizon !== real.horizon || windows.nAssets !== real.nAssets) {
      throw new RangeError(`model ${name}: windows of ${windows.horizon} days × ${windows.nAssets} assets, real ones are ${real.horizon} × ${real.nAssets}`);
    }
    const s = fullStats(windows, maxLag);
    return { name, stats: s.stats, errors: compare(r, s, real.nAssets) };
  });
  const verdicts = out.length > 1 ? metricVerdicts(out, out[0].name) : [];
  return { horizon: real.horizon, nAssets: real.nAssets, maxLag, real: r.stats, models: out, ...(verdicts.length > 0 ? { verdicts } : {}) };
}
