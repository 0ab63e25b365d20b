import { normalPdf } from '../normal-pdf.js';
import type { BsmOption } from '../types.js';
import { bsmTerms } from './bsm-inputs.js';

/**
 * Black–Scholes–Merton gamma ∂²V/∂S², the same for a call and a put:
 *
 *   Γ = e^{−qT} φ(d1) / (S σ √T)
 *
 * per unit of underlying, φ the standard normal density. 0 when σ√T = 0
 * (the payoff's kink is not a derivative; at the money it is a point mass).
 *
 * @param option type, spot, strike, expiry (years), rate, dividendYield (default 0), volatility
 * @throws {RangeError} on invalid option fields (see `bsmPrice`)
 * @example
 * bsmGamma({ type: 'put', spot: 100, strike: 95, expiry: 0.5, rate: 0.1, dividendYield: 0.05, volatility: 0.2 }); // => 0.02283957429626999
 */
export function bsmGamma(option: BsmOption): number {
  const t = bsmTerms(option);
  if (t.degenerate) return 0;
  return (t.dq * normalPdf(t.d1)) / (option.spot * option.volatility * t.sqrtT);
}
