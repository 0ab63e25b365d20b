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
  /** Where the position was written, for error messages: a 1-based file row, or a JSON path. */
  readonly origin: { readonly row?: number; readonly path?: string };
}

export interface Portfolio {
  readonly name: string;
  readonly file: string;
  readonly positions: readonly Position[];
  /** Capital the relative figures are expressed against (JSON `capital`); see `riskBase`. */
  readonly capital?: number;
}
