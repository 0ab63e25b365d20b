import { InputError } from '@tailforge/core';

/** What percentages and drawdowns are expressed against. */
export type RiskBaseKind = 'net-value' | 'gross-exposure' | 'capital';

/**
 * The base of a run's relative figures (VaR %, ES %, drawdowns, weights).
 *
 * - `capital`: an amount given by the user (`--capital`, or `capital` in the
 *   portfolio file); always wins.
 * - `net-value`: the book's net value V_0 = Σ value, when it is positive and
 *   at least {@link SMALL_NET_SHARE} of the gross exposure (a long-only or
 *   mostly long book: today's convention, drawdowns a fraction of the running
 *   peak value).
 * - `gross-exposure`: Σ |exposure| otherwise (market-neutral, net short, or a
 *   net value too small to divide by); drawdowns are then measured on the
 *   cumulative P&L against it.
 *
 * `drawdownBase` is the amount to pass to `simulatePortfolio` for P&L-based
 * drawdowns, undefined for a net-value base (value-relative drawdowns).
 */
export interface RiskBase {
  readonly kind: RiskBaseKind;
  readonly amount: number;
  readonly netValue: number;
  readonly grossExposure: number;
  readonly drawdownBase?: number;
}

/** Below this share of the gross exposure a positive net value is "small" and gross exposure is the base. */
export const SMALL_NET_SHARE = 0.1;

/**
 * @param exposures signed exposures in money (market values; a future's notional)
 * @param netValue the book's net value (Σ market values; futures count 0)
 * @param capital the stated capital, if any (finite, > 0)
 * @param file the portfolio file, for errors
 */
export function riskBase(exposures: ArrayLike<number>, netValue: number, capital: number | undefined, file: string): RiskBase {
  let gross = 0;
  for (let i = 0; i < exposures.length; i++) gross += Math.abs(exposures[i]);
  if (capital !== undefined) {
    if (!(Number.isFinite(capital) && capital > 0)) throw new InputError(`capital must be a finite amount > 0, got ${String(capital)}`, { file, column: 'capital' });
    return { kind: 'capital', amount: capital, netValue, grossExposure: gross, drawdownBase: capital };
  }
  if (!(gross > 0)) throw new InputError('the portfolio has no exposure (every position is worth 0): nothing to measure', { file });
  if (netValue > 0 && netValue >= SMALL_NET_SHARE * gross) return { kind: 'net-value', amount: netValue, netValue, grossExposure: gross };
  return { kind: 'gross-exposure', amount: gross, netValue, grossExposure: gross, drawdownBase: gross };
}
