import type { StressTestResult } from '../run/stress-test.js';
import { focusSummary } from '../run/focus-summary.js';
import { regulatorySummary } from '../regulatory/regulatory-summary.js';

/**
 * summary.json: the run's figures for other systems. Versioned by
 * `schemaVersion`; fields are only ever added within a version.
 *
 * Conventions: money in the prices' currency (`base.currency` when named);
 * all figures are over the paths' weights when the paths are weighted; VaR and ES are positive LOSSES
 * over the horizon (a negative number means a gain at that quantile);
 * `*Pct` fields are the same figures as a fraction of `base.amount` (the net
 * value of a mostly long book, else its gross exposure, or a stated capital:
 * see `riskBase`); drawdowns are fractions of the running peak value for a
 * net-value base, else peak-to-trough of the cumulative P&L over the base
 * (0.1 = 10%).
 */
export const SUMMARY_SCHEMA = 'tailforge.summary';
export const SUMMARY_SCHEMA_VERSION = 1;

export function buildSummary(r: StressTestResult, generatedAt: string = new Date().toISOString()) {
  const v0 = r.initialValue;
  const b = r.base.amount;
  const pnl = r.pnl;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pnl.length; i++) {
    if (pnl[i] < min) min = pnl[i];
    if (pnl[i] > max) max = pnl[i];
  }
  const a = r.analytics;
  const withPct = (x: { confidence: number; var: number; es: number }) => ({ confidence: x.confidence, var: x.var, es: x.es, varPct: x.var / b, esPct: x.es / b });
  return {
    schema: SUMMARY_SCHEMA,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    generatedAt,
    portfolio: {
      name: r.portfolio.name,
      file: r.portfolio.file,
      asOf: r.asOf,
      value: v0,
      positions: r.positions.map((p) => ({ ...p, weight: p.marketValue / b })),
    },
    /** What every `*Pct` figure, weight and drawdown is a fraction of. */
    base: {
      kind: r.base.kind,
      amount: b,
      netValue: r.base.netValue,
      grossExposure: r.base.grossExposure,
      /** Currency of every money figure in this file; null when the portfolio names none. */
      currency: r.currency ?? null,
      drawdowns: r.base.drawdownBase === undefined ? 'fraction of the running peak value' : 'peak-to-trough of the cumulative P&L over the base',
    },
    model: { name: r.model.name, id: r.model.id, params: r.model.params, fitInfo: r.model.fitInfo },
    scenarios: {
      kind: r.focus?.tailFocus ? 'tail-focused' : 'ordinary',
      paths: r.pathSet.nPaths,
      horizonDays: r.pathSet.horizon,
      seed: r.pathSet.seed,
      weighted: r.pathSet.weights !== undefined,
      /** The conditioning state the paths started from (conditional models), else null. */
      state: r.focus?.startState ?? null,
    },
    risk: r.risk.map(withPct),
    /** Bootstrap standard errors and 90% intervals of the headline VaR / ES. */
    riskErrors: a.errors.map((e) => ({ confidence: e.confidence, method: e.method, varSe: e.varSe, esSe: e.esSe, varCi: e.varCi, esCi: e.esCi })),
    /** VaR / ES of the P&L at intermediate days along the paths; the last entry is the full horizon. */
    riskByHorizon: a.byHorizon.map((h) => ({ horizonDays: h.horizonDays, risk: h.risk.map(withPct) })),
    /** Parametric (from the simulated P&L's moments) and historical-simulation references. */
    references: {
      normal: a.parametric.normal.map(withPct),
      /** Not applicable where the expansion is not monotone (cornishFisherApplicable): figures null, `applicable: false`. */
      cornishFisher: a.parametric.cornishFisher.map((x, i) =>
        a.parametric.cornishFisherApplicable?.[i] === false
          ? { confidence: x.confidence, var: null, es: null, varPct: null, esPct: null, applicable: false as const }
          : withPct(x)),
      ...(r.approximation ? { deltaGammaVega: r.approximation.map(withPct) } : {}),
      historical: a.historical ? { windows: a.historical.windows, from: a.historical.from, to: a.historical.to, quantileMethod: a.historical.quantileMethod, risk: a.historical.risk.map(withPct) } : null,
    },
    /** Weighted moments of the horizon P&L. */
    pnl: { ...a.parametric.moments, min, max },
    maxDrawdown: {
      ...r.drawdown,
      cdar: a.drawdown.cdar,
      limit: a.drawdown.limit,
      breachProbability: a.drawdown.breachProbability,
      meanDuration: a.drawdown.meanDuration,
      recoveredShare: a.drawdown.recoveredShare,
      meanTimeToRecovery: Number.isFinite(a.drawdown.meanTimeToRecovery) ? a.drawdown.meanTimeToRecovery : null,
    },
    /** Historical replays and hypothetical shocks: P&L (and its fraction of the value) and maximum drawdown per scenario. */
    stress: r.stress.map((x) => ({ ...x, pnlPct: x.pnl / b, ...(x.risk ? { risk: x.risk.map(withPct) } : {}) })),
    /** One-day walk-forward backtest of the run's model type, when the run asked for one (see backtest.json of `tailforge backtest`). */
    backtest: r.backtest
      ? {
          from: r.backtest.result.dates[0],
          to: r.backtest.result.dates[r.backtest.result.dates.length - 1],
          forecasts: r.backtest.result.dates.length,
          models: r.backtest.evaluation,
          // With several backtest models: Diebold–Mariano against the reference and the ranking, per level.
          ...(r.backtest.comparison ? { comparison: r.backtest.comparison } : {}),
        }
      : null,
    /** Euler allocation of VaR / ES to the held positions (components sum to the totals). */
    contributions: a.contributions.map((c) => ({
      confidence: c.confidence,
      positions: c.positions.map((p) => ({
        ...p,
        marginalVaR: p.componentVaR / p.exposure,
        marginalES: p.componentES / p.exposure,
        shareOfES: p.componentES / r.risk.find((x) => x.confidence === c.confidence)!.es,
      })),
    })),
    data: {
      missing: r.missingReport,
      /** Prices or returns (and their kind), and the frequency detected from the dates: horizons count in its periods. */
      input: {
        kind: r.input.kind,
        ...(r.input.returnsKind !== undefined ? { returnsKind: r.input.returnsKind } : {}),
        frequency: r.input.frequency.frequency,
        medianSpacingDays: r.input.frequency.medianSpacingDays,
      },
    },
    /** Today's market state against the model's training states (robust Mahalanobis distance, its percentile); null when too few training states. */
    anomaly: r.anomaly ?? null,
    /** Findings of severity warn or error about the data, the fit and the run (code, severity, message, symbol?, dates?, details?); `--strict` fails on them. */
    warnings: r.warnings,
    /** Stressed state beside the latest (stressedRegime), tail-focused sampling (tailFocus), reverse stress test (reverseStress); null when not asked for. */
    ...focusSummary(r),
    /** Stressed VaR and FRTB-style ES (`--regulatory`); absent when not asked for. */
    ...(r.regulatory !== undefined ? { regulatory: regulatorySummary(r) as NonNullable<ReturnType<typeof regulatorySummary>> } : {}),
  };
}

export type Summary = ReturnType<typeof buildSummary>;
