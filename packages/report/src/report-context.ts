/**
 * An earlier run of the same series (portfolio, model, horizon), as a
 * results history keeps it: what the change and history sections show.
 * The CLI's history rows (EarlierRun) are of this shape.
 */
export interface EarlierRun {
  /** When the run started (ISO 8601, UTC). */
  readonly runAt: string;
  /** Date of the last prices (the valuation date). */
  readonly asOf: string;
  readonly modelId: string;
  readonly paths: number;
  readonly seed: number;
  /** Portfolio value on asOf. */
  readonly value: number;
  /** The 99th percentile of the maximum drawdown (fraction of the running peak); null when undefined. */
  readonly drawdown: { readonly p99: number | null };
  /** VaR and ES as positive losses, and as fractions of the value. */
  readonly risk: ReadonlyArray<{ readonly confidence: number; readonly var: number; readonly es: number; readonly varPct: number; readonly esPct: number }>;
  /** 10-day 99% VaR and stressed VaR of a run with the regulatory view (`run --regulatory`), else null or absent. */
  readonly regulatory?: { readonly var: number; readonly svar: number } | null;
}

/** What a report shows beyond the run itself. */
export interface ReportContext {
  /**
   * Earlier runs of the same series (portfolio, model, horizon) from the
   * results history, oldest first. Undefined when the run keeps no history:
   * the change and history sections are then left out.
   */
  readonly history?: readonly EarlierRun[];
  /** Where the history lives, for the reader. */
  readonly historyFile?: string;
}
