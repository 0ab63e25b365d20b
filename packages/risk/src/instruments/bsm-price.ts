import type { BsmOption } from '../types.js';
import { bsmTerms, normalCdf } from './bsm-inputs.js';

/**
 * Black–Scholes–Merton price of a European call or put on an asset with a
 * continuous dividend yield (Merton 1973):
 *
 *   d1 = [ln(S/K) + (r − q + σ²/2) T] / (σ√T),   d2 = d1 − σ√T
 *   call = S e^{−qT} Φ(d1) − K e^{−rT} Φ(d2)
 *   put  = K e^{−rT} Φ(−d2) − S e^{−qT} Φ(−d1)
 *
 * S spot, K strike, T years to expiry, r the continuously compounded rate,
 * q the continuous dividend yield, σ the annualised implied volatility. Per
 * unit of underlying (multiply by quantity × multiplier). Put–call parity
 * call − put = S e^{−qT} − K e^{−rT} holds to rounding. With σ√T = 0 (at
 * expiry, or zero volatility) the price is the discounted payoff on the
 * forward: max(S e^{−qT} − K e^{−rT}, 0) for a call (the intrinsic value at
 * T = 0), max(K e^{−rT} − S e^{−qT}, 0) for a put. Φ is computed through
 * `erfc`, accurate deep in the tails (far out-of-the-money prices keep their
 * relative accuracy).
 *
 * @param option type, spot, strike, expiry (years), rate, dividendYield (default 0), volatility
 * @throws {RangeError} on a non-positive spot or strike, negative expiry or volatility, or a non-finite input
 * @example
 * // Hull, Options, Futures and Other Derivatives, Example 15.6: c = 4.76, p = 0.81
 * bsmPrice({ type: 'call', spot: 42, strike: 40, expiry: 0.5, rate: 0.1, volatility: 0.2 }); // => 4.759422392871532
 */
export function bsmPrice(option: BsmOption): number {
  const t = bsmTerms(option);
  const fs = option.spot * t.dq;
  const fk = option.strike * t.dr;
  if (t.degenerate) return Math.max(option.type === 'call' ? fs - fk : fk - fs, 0);
  return option.type === 'call'
    ? fs * normalCdf(t.d1) - fk * normalCdf(t.d2)
    : fk * normalCdf(-t.d2) - fs * normalCdf(-t.d1);
}
