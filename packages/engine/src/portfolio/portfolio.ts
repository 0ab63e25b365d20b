/**
 * A portfolio is what is held, kept apart from the models that generate
 * scenarios for it (as instruments are kept apart from pricing engines).
 */
/** What a position holds; `equity` (the default) is a plain holding of the symbol. */
export type InstrumentType = 'equity' | 'future' | 'option' | 'cash';

/** The fields of an option position (see `bsmPrice`). */
export interface OptionTerms {
  readonly optionType: 'call' | 'put';
  readonly strike: number;
  /** Expiry date, YYYY-MM-DD (after the prices' last date). */
  readonly expiry: string;
  /** Implied volatility, annualised (0.2 = 20%). */
  readonly impliedVol: number;
  /** Continuously compounded rate (default 0). */
  readonly rate: number;
  /** Continuous dividend yield of the underlying (default 0). */
  readonly dividendYield: number;
  /** `held` (default) or `realised`: see `simulateBook`'s volRule. */
  readonly volRule: 'held' | 'realised';
}

export interface Position {
  /** The modelled symbol (the underlying for futures and options); a currency code for cash. */
  readonly symbol: string;
  /** Default `equity`. */
  readonly type?: InstrumentType;
  /** ISO currency code of the position (default: the portfolio's, or none). */
  readonly currency?: string;
  /** Units of the underlying per contract (futures, options; default 1). */
  readonly multiplier?: number;
  readonly option?: OptionTerms;
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
  /** Capital the relative figures are expressed against (JSON `capital`); see `riskBase`. */
  readonly capital?: number;
  /** Currency the book's figures are in (JSON `baseCurrency`). */
  readonly baseCurrency?: string;
}
