/** `reverseStress`: a loss in money, or below 1 a fraction of the portfolio's value. */
export type LossSpec = { readonly amount: number } | { readonly fraction: number };

/** Stressed conditioning, tail-focused sampling and the reverse stress test (all need a cgan model). */
export interface FocusConfig {
  /** Stressed state: the model's state as of this date. */
  readonly stressState?: string;
  /** Stressed state: this quantile of the historical states (`p99`, `median`). */
  readonly regime?: string;
  readonly tailFocus?: boolean;
  readonly reverseStress?: LossSpec;
}
