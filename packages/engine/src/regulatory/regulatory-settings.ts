/** What `--regulatory` asks for (`RunSettings.regulatory`). */
export interface RegulatorySettings {
  /**
   * The reduced set of risk factors (symbols held) for the FRTB stressed
   * calibration; default: chosen by coverage of variance (≥ 75%).
   */
  readonly factors?: readonly string[];
  /** Loss measure of the stressed-period search: 10-day 99% VaR (default) or 10-day 97.5% ES. */
  readonly stressedMeasure?: 'var' | 'es';
}

/** Basel / FRTB constants of the regulatory view. */
export const REGULATORY = {
  /** Stressed period and current period: 12 months of daily returns. */
  windowDays: 250,
  /** Base horizon of VaR, stressed VaR and ES (days). */
  horizonDays: 10,
  varConfidence: 0.99,
  esConfidence: 0.975,
  /** FRTB liquidity horizons (days), MAR33.12. */
  liquidityHorizons: [10, 20, 40, 60, 120] as readonly number[],
  /** Share of the current-period P&L variance the reduced factor set must explain (MAR33.5). */
  coverageThreshold: 0.75,
  /** Runs averaged in the capital combination. */
  averageRuns: 60,
} as const;

/**
 * Liquidity horizon (days) of a position that gives none, by instrument
 * type. Every position today is an equity (a price series); FRTB MAR33.12
 * gives 10 days to large-cap equity prices (20 to small caps, 60 to "other"
 * equity), and the shipped universe (Dow Jones, SMI) is large caps. Give
 * `liquidityHorizon` on a position to override.
 */
export const DEFAULT_LIQUIDITY_HORIZON: Readonly<Record<'equity', number>> = { equity: 10 };
