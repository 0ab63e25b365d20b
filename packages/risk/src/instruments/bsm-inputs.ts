// Inputs of the Black–Scholes–Merton functions: validation and the shared
// d1/d2 terms. Internal: not exported from index.ts.
import { erfc } from '../erfc.js';
import type { BsmOption } from '../types.js';

/** Standard normal CDF Φ(x) = erfc(−x/√2)/2, accurate in both tails. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Discount factors, forward moneyness terms and d1/d2 of an option; `degenerate` when σ√T = 0. */
export interface BsmTerms {
  /** e^{−qT}: the spot's carry to expiry. */
  readonly dq: number;
  /** e^{−rT}: the strike's discount. */
  readonly dr: number;
  readonly sqrtT: number;
  readonly d1: number;
  readonly d2: number;
  /** σ√T = 0 (at expiry or zero volatility): payoff on the forward, no diffusion. */
  readonly degenerate: boolean;
}

/** Validates the option and returns its BSM terms. */
export function bsmTerms(option: BsmOption): BsmTerms {
  const { type, spot, strike, expiry, rate, dividendYield = 0, volatility } = option;
  if (type !== 'call' && type !== 'put') throw new RangeError(`type must be 'call' or 'put', got ${String(type)}`);
  if (!(Number.isFinite(spot) && spot > 0)) throw new RangeError(`spot must be a finite number > 0, got ${String(spot)}`);
  if (!(Number.isFinite(strike) && strike > 0)) throw new RangeError(`strike must be a finite number > 0, got ${String(strike)}`);
  if (!(Number.isFinite(expiry) && expiry >= 0)) throw new RangeError(`expiry must be a finite number of years >= 0, got ${String(expiry)}`);
  if (!Number.isFinite(rate)) throw new RangeError(`rate must be a finite number, got ${String(rate)}`);
  if (!Number.isFinite(dividendYield)) throw new RangeError(`dividendYield must be a finite number, got ${String(dividendYield)}`);
  if (!(Number.isFinite(volatility) && volatility >= 0)) {
    throw new RangeError(`volatility must be a finite number >= 0, got ${String(volatility)}`);
  }
  const sqrtT = Math.sqrt(expiry);
  const sd = volatility * sqrtT;
  const dq = Math.exp(-dividendYield * expiry);
  const dr = Math.exp(-rate * expiry);
  if (sd === 0) return { dq, dr, sqrtT, d1: NaN, d2: NaN, degenerate: true };
  const d1 = (Math.log(spot / strike) + (rate - dividendYield + 0.5 * volatility * volatility) * expiry) / sd;
  return { dq, dr, sqrtT, d1, d2: d1 - sd, degenerate: false };
}
