import type { Finding } from '@tailforge/core';

/**
 * One run's figures as the results history keeps them: enough to show how a
 * portfolio's risk moved from night to night and to find the run's outputs
 * (its manifest) again.
 */
export interface HistoryRisk {
  readonly confidence: number;
  /** VaR and ES as positive losses over the horizon, in the prices' currency. */
  readonly var: number;
  readonly es: number;
  /** The same as fractions of the portfolio value. */
  readonly varPct: number;
  readonly esPct: number;
}

export interface HistoryDrawdown {
  /** Statistics of the per-path maximum drawdown (fractions of the running peak); null when undefined (value <= 0). */
  readonly mean: number | null;
  readonly median: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface HistoryRun {
  /** sha256 of the run's manifest.json: recording the same run twice keeps one row. */
  readonly runKey: string;
  readonly portfolio: string;
  /** When the run started (ISO 8601, UTC). */
  readonly runAt: string;
  /** Date of the last prices (the valuation date). */
  readonly asOf: string;
  readonly modelName: string;
  readonly modelId: string;
  readonly horizonDays: number;
  readonly paths: number;
  readonly seed: number;
  /** Portfolio value on asOf. */
  readonly value: number;
  readonly drawdown: HistoryDrawdown;
  readonly risk: readonly HistoryRisk[];
  readonly manifestPath: string;
  /** Set for runs made by `tailforge batch`. */
  readonly batchId: string | null;
  readonly jobId: string | null;
  /** The run's warnings (findings of severity warn or error); null for runs recorded before the history kept them. */
  readonly warnings?: readonly Finding[] | null;
  /** The regulatory view's figures (`run --regulatory`), else null (or absent: histories and queue jobs from before). */
  readonly regulatory?: HistoryRegulatory | null;
}

/** A run's regulatory figures: 10-day 99% VaR and stressed VaR (positive losses), the stressed period, the FRTB ES. */
export interface HistoryRegulatory {
  /** The model's VaR and its stressed VaR (`svarBasis` historical: the model could not be refitted). */
  readonly var: number;
  readonly svar: number;
  readonly svarBasis: 'model' | 'historical';
  readonly varHistorical: number;
  readonly svarHistorical: number;
  readonly stressedFrom: string;
  readonly stressedTo: string;
  /** Liquidity-horizon-adjusted 97.5% ES, current. */
  readonly esFrtb: number;
}

/** The runs that form one comparable series: same portfolio, model and horizon. */
export interface SeriesKey {
  readonly portfolio: string;
  readonly modelName: string;
  readonly horizonDays: number;
}
