/**
 * A portfolio is what is held, kept apart from the models that generate
 * scenarios for it (as instruments are kept apart from pricing engines).
 */
export interface Position {
  readonly symbol: string;
  /** Number of units held (negative: short). Exactly one of quantity / marketValue is set. */
  readonly quantity?: number;
  /** Current market value of the position in the price currency (negative: short). */
  readonly marketValue?: number;
  /**
   * FRTB liquidity horizon of the position's risk factor in days (10, 20, 40,
   * 60 or 120), from the JSON field `liquidityHorizon`; when absent the
   * regulatory view uses the default of the instrument type (see
   * `DEFAULT_LIQUIDITY_HORIZON`).
   */
  readonly liquidityHorizon?: number;
  /** Where the position was written, for error messages: a 1-based file row, or a JSON path. */
  readonly origin: { readonly row?: number; readonly path?: string };
}

export interface Portfolio {
  readonly name: string;
  readonly file: string;
  readonly positions: readonly Position[];
}
