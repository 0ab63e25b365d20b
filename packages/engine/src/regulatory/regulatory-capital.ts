import { baselCapital, baselPlusFactor } from '@tailforge/risk';
import type { ModelEvaluation } from '../backtest/evaluate.js';
import { REGULATORY } from './regulatory-settings.js';

/** An earlier run's regulatory figures, as the results history keeps them. */
export interface EarlierRegulatory {
  /** 10-day 99% VaR and stressed VaR (positive losses). */
  readonly var: number;
  readonly svar: number;
}

/** The capital-style combination, or why it is not there. */
export type RegulatoryCapital =
  | {
      readonly available: true;
      readonly capital: number;
      readonly varTerm: number;
      readonly svarTerm: number;
      readonly varLatest: number;
      readonly varAverage: number;
      readonly svarLatest: number;
      readonly svarAverage: number;
      readonly multiplier: number;
      /** `backtest`: 3 + the plus factor of the run's backtest exceptions; `assumed`: 3, no backtest ran. */
      readonly multiplierSource: 'backtest' | 'assumed';
      readonly plusFactor: number;
      readonly backtest: { readonly zone: string; readonly exceptions: number; readonly observations: number } | null;
      readonly runs: number;
      readonly note: string;
    }
  | { readonly available: false; readonly runs: number; readonly note: string };

const ILLUSTRATION = 'an illustration of the Basel 2.5 formula on the run history, not a regulatory filing (no IRC/CRM, no supervisor add-ons)';

/**
 * max(VaR_{t−1}, m_c · VaR_avg60) + max(sVaR_{t−1}, m_s · sVaR_avg60)
 * (`baselCapital`) from the 60 latest EARLIER runs of the series that carry
 * the regulatory view (oldest first; the last is t−1): the run's own figures
 * enter the next run's capital, as a day's capital uses the previous day's
 * VaR. m_c = m_s = 3 + `baselPlusFactor`(exceptions) of the run's backtest
 * (99% one-day VaR, last 250 forecasts) when it ran one, else 3 (assumed).
 */
export function regulatoryCapital(earlier: readonly EarlierRegulatory[], backtest?: readonly ModelEvaluation[]): RegulatoryCapital {
  const need = REGULATORY.averageRuns;
  if (earlier.length < need) {
    return { available: false, runs: earlier.length, note: `the capital combination needs ${need} earlier runs of this series with the regulatory view in the history, found ${earlier.length}` };
  }
  const last = earlier.slice(-need);
  const basel = backtest?.[0]?.levels.find((l) => l.basel !== null)?.basel ?? null;
  const exceptions = basel !== null ? Math.min(basel.exceptions, 250) : 0;
  const plus = basel !== null ? baselPlusFactor(exceptions) : 0;
  const m = 3 + plus;
  const c = baselCapital(last.map((r) => r.var), last.map((r) => r.svar), exceptions, { mc: m, ms: m });
  return {
    available: true,
    capital: c.capital,
    varTerm: c.varTerm,
    svarTerm: c.svarTerm,
    varLatest: c.varLatest,
    varAverage: c.varAverage,
    svarLatest: c.svarLatest,
    svarAverage: c.svarAverage,
    multiplier: m,
    multiplierSource: basel !== null ? 'backtest' : 'assumed',
    plusFactor: plus,
    backtest: basel !== null ? { zone: basel.zone, exceptions: basel.exceptions, observations: basel.observations } : null,
    runs: need,
    note: basel !== null && basel.observations < 250
      ? `${ILLUSTRATION}; the plus factor is read from ${basel.observations} backtest days, the table is defined on 250`
      : basel === null ? `${ILLUSTRATION}; m = 3 assumed (no backtest ran: add --backtest-from for the traffic-light plus factor)` : ILLUSTRATION,
  };
}
