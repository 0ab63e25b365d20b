import type { StressTestResult } from '../run/stress-test.js';
import { REGULATORY } from './regulatory-settings.js';

/**
 * summary.json's `regulatory` block (only when the run asked for it).
 * Figures are positive losses over `horizonDays` (10) in the prices'
 * currency, `*Pct` fractions of the portfolio value. `var` / `svar` are the
 * headline pair the history records and the capital combination uses: the
 * model's VaR, and its stressed VaR (historical simulation when the model
 * cannot be refitted, `svarBasis`).
 */
export function regulatorySummary(r: StressTestResult) {
  const g = r.regulatory;
  if (g === undefined) return undefined;
  const v0 = r.initialValue;
  const svar = g.svar.model ?? g.svar.historical;
  const { series: _series, ...rest } = g;
  return {
    ...rest,
    confidence: { var: REGULATORY.varConfidence, es: REGULATORY.esConfidence },
    headline: { var: g.var.model, svar, svarBasis: g.svar.model !== null ? 'model' : 'historical', varPct: g.var.model / v0, svarPct: svar / v0 },
    capital: g.capital ?? { available: false, runs: 0, note: 'no results history (--history) to average over' },
    formulas: {
      stressedPeriod: `the ${g.windowDays}-day period with the largest historical-simulation ${g.stressedPeriod.measure === 'var' ? '10-day 99% VaR' : '10-day 97.5% ES'} of today's positions (overlapping 10-day windows)`,
      svar: 'sVaR = 10-day 99% VaR of the model fitted on the stressed period only; historical: lower 99% quantile of the losses of its 10-day windows',
      frtbES: 'ES = sqrt( ES_T(P)^2 + sum_{j>=2} ( ES_T(P, j) * sqrt((LH_j - LH_{j-1}) / T) )^2 ), T = 10, 97.5% ES (MAR33.4)',
      stressedES: 'ES = ES_R,S * max(1, ES_F,C / ES_R,C) (MAR33.5)',
      capital: 'max(VaR_t-1, m_c * VaR_avg60) + max(sVaR_t-1, m_s * sVaR_avg60), m = 3 + plus factor',
    },
    illustration: 'Regulatory-style figures for information: an illustration, not a regulatory filing.',
  };
}
