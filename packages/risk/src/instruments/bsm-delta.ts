import type { BsmOption } from '../types.js';
import { bsmTerms, normalCdf } from './bsm-inputs.js';

/**
 * Black–Scholes–Merton delta ∂V/∂S of a European option (see `bsmPrice`):
 *
 *   call: e^{−qT} Φ(d1)        put: e^{−qT} (Φ(d1) − 1)
 *
 * per unit of underlying. With σ√T = 0 the price is the forward payoff, so
 * delta is e^{−qT} (call) or −e^{−qT} (put) when that payoff is in the money
 * (S e^{−qT} > K e^{−rT} for a call, < for a put), 0 when out of the money,
 * and half of it exactly at the money (the midpoint of the jump).
 *
 * @param option type, spot, strike, expiry (years), rate, dividendYield (default 0), volatility
 * @throws {RangeError} on invalid option fields (see `bsmPrice`)
 * @example
 * bsmDelta({ type: 'call', spot: 42, strike: 40, expiry: 0.5, rate: 0.1, volatility: 0.2 }); // => 0.7791312909426689
 */
export function bsmDelta(option: BsmOption): number {
  const t = bsmTerms(option);
  const sign = option.type === 'call' ? 1 : -1;
  if (t.degenerate) {
    const m = sign * (option.spot * t.dq - option.strike * t.dr);
    return sign * t.dq * (m > 0 ? 1 : m === 0 ? 0.5 : 0);
  }
  return option.type === 'call' ? t.dq * normalCdf(t.d1) : t.dq * (normalCdf(t.d1) - 1);
}
