import {
  breachProbability,
  componentES,
  componentVaR,
  conditionalDrawdownAtRisk,
  cornishFisherApplicable,
  cornishFisherES,
  cornishFisherVaR,
  historicalPnl,
  momentsOf,
  normalES,
  normalVaR,
  riskAtLevels,
  riskWithErrors,
  type Moments,
  type PortfolioSimulation,
  type QuantileMethod,
  type RiskAtLevel,
  type RiskWithError,
} from '@tailforge/risk';

/** The risk figures beyond the headline VaR / ES, computed from one simulation pass. */
export interface RiskAnalytics {
  /** VaR / ES of the P&L at intermediate days along the paths (the last entry is the full horizon). */
  readonly byHorizon: ReadonlyArray<{ readonly horizonDays: number; readonly risk: readonly RiskAtLevel[] }>;
  /** Headline VaR / ES with bootstrap standard errors and 90% intervals. */
  readonly errors: readonly RiskWithError[];
  /** Parametric references from the simulated P&L's moments. */
  readonly parametric: {
    readonly moments: Moments;
    readonly normal: readonly RiskAtLevel[];
    readonly cornishFisher: readonly RiskAtLevel[];
    /**
     * Per level of `cornishFisher`: whether the expansion is monotone from the
     * median to that level (cornishFisherApplicable); where not, its figures
     * are meaningless and outputs show "not applicable".
     */
    readonly cornishFisherApplicable?: readonly boolean[];
  };
  /** Historical simulation: today's positions under every overlapping h-day window of the price history. */
  readonly historical: { readonly windows: number; readonly from: string; readonly to: string; readonly quantileMethod: QuantileMethod; readonly risk: readonly RiskAtLevel[] } | null;
  readonly drawdown: {
    /** Conditional drawdown at risk: mean of the worst (1 − α) maximum drawdowns. */
    readonly cdar: ReadonlyArray<{ readonly confidence: number; readonly value: number }>;
    readonly limit: number;
    /** P(max drawdown ≥ limit). */
    readonly breachProbability: number;
    /** Mean steps from the peak to recovery (or the path's end) of each path's deepest drawdown. */
    readonly meanDuration: number;
    /** Share of paths whose deepest drawdown is recovered within the horizon. */
    readonly recoveredShare: number;
    /** Mean steps from trough to recovery over the recovered paths with a drawdown (NaN if none). */
    readonly meanTimeToRecovery: number;
  };
  /** Euler allocation per held position; components sum to the total VaR / ES. */
  readonly contributions: ReadonlyArray<{
    readonly confidence: number;
    readonly positions: ReadonlyArray<{ readonly symbol: string; readonly exposure: number; readonly componentVaR: number; readonly componentES: number }>;
  }>;
}

export interface AnalyticsInput {
  readonly sim: PortfolioSimulation;
  readonly horizonDays: readonly number[];
  readonly confidence: readonly number[];
  readonly weights?: Float64Array;
  readonly exposures: Float64Array;
  readonly symbols: readonly string[];
  readonly seed: number;
  readonly drawdownLimit: number;
  readonly historical?: {
    readonly returns: Float64Array;
    readonly dates: readonly string[];
    readonly nAssets: number;
    readonly exposures: Float64Array;
    readonly horizon: number;
    /** Quantile method of the historical VaR (default 'lower'; 'type7' as R, NumPy, PerformanceAnalytics). */
    readonly quantileMethod?: QuantileMethod;
    /** The windows' P&L when computed elsewhere (a book that is not linear in the returns); else historicalPnl on the exposures. */
    readonly pnl?: Float64Array;
  };
}

/** The horizons to report: the requested ones up to the path length, always including the full horizon. */
export function reportHorizons(requested: readonly number[] | undefined, horizon: number): number[] {
  const base = requested ?? [1, 5, 10, 20];
  return [...new Set([...base.filter((h) => h < horizon), horizon])].sort((a, b) => a - b);
}

export function computeAnalytics(x: AnalyticsInput): RiskAnalytics {
  const levels = [...x.confidence];
  const { sim, weights } = x;
  const byHorizon = x.horizonDays.map((h, i) => ({ horizonDays: h, risk: riskAtLevels((sim.pnlByHorizon as Float64Array[])[i], levels, weights) }));
  const errors = riskWithErrors(sim.pnl, levels, { weights, seed: x.seed, resamples: 500, level: 0.9 });
  const moments = momentsOf(sim.pnl, weights);
  const sd = moments.sd;
  const normal = levels.map((c) => ({ confidence: c, var: normalVaR(moments.mean, sd, c), es: normalES(moments.mean, sd, c) }));
  const cf = levels.map((c) => ({
    confidence: c,
    var: cornishFisherVaR(moments.mean, sd, moments.skewness, moments.excessKurtosis, c),
    es: cornishFisherES(moments.mean, sd, moments.skewness, moments.excessKurtosis, c),
  }));

  const cfApplicable = levels.map((c) => cornishFisherApplicable(moments.skewness, moments.excessKurtosis, c));

  let historical: RiskAnalytics['historical'] = null;
  const hs = x.historical;
  if (hs !== undefined && hs.dates.length >= hs.horizon) {
    const pnl = hs.pnl ?? historicalPnl(hs.returns, hs.nAssets, hs.exposures, hs.horizon);
    const quantileMethod = hs.quantileMethod ?? 'lower';
    historical = { windows: pnl.length, from: hs.dates[0], to: hs.dates[hs.dates.length - 1], quantileMethod, risk: riskAtLevels(pnl, levels, undefined, { quantileMethod }) };
  }

  const detail = sim.drawdownDetail;
  let durSum = 0;
  let recovered = 0;
  let ttrSum = 0;
  let ttrN = 0;
  const n = sim.pnl.length;
  if (detail) {
    for (let p = 0; p < n; p++) {
      durSum += detail.drawdownDuration[p];
      recovered += detail.recovered[p];
      const ttr = detail.timeToRecovery[p];
      if (Number.isFinite(ttr) && detail.maxDrawdown[p] > 0) {
        ttrSum += ttr;
        ttrN++;
      }
    }
  }
  const drawdown = {
    cdar: levels.map((c) => ({ confidence: c, value: conditionalDrawdownAtRisk(sim.maxDrawdown, c, weights) })),
    limit: x.drawdownLimit,
    breachProbability: breachProbability(sim.maxDrawdown, x.drawdownLimit, weights),
    meanDuration: detail ? durSum / n : Number.NaN,
    recoveredShare: detail ? recovered / n : Number.NaN,
    meanTimeToRecovery: ttrN > 0 ? ttrSum / ttrN : Number.NaN,
  };

  const held: number[] = [];
  for (let a = 0; a < x.exposures.length; a++) if (x.exposures[a] !== 0) held.push(a);
  const A = x.exposures.length;
  const contributions = levels.map((c) => {
    const pp = sim.positionPnl as Float64Array;
    const ces = componentES(sim.pnl, pp, A, c, weights);
    const cvar = componentVaR(sim.pnl, pp, A, c, weights);
    return {
      confidence: c,
      positions: held.map((a) => ({ symbol: x.symbols[a], exposure: x.exposures[a], componentVaR: cvar[a], componentES: ces[a] })),
    };
  });

  return { byHorizon, errors, parametric: { moments, normal, cornishFisher: cf, cornishFisherApplicable: cfApplicable }, historical, drawdown, contributions };
}
