import { normalPdf } from '../normal-pdf.js';
import type { BsmOption } from '../types.js';
import { bsmTerms } from './bsm-inputs.js';

/**
 * Black–Scholes–Merton vega ∂V/∂σ, the same for a call and a put:
 *
 *   ν = S e^{−qT} φ(d1) √T
 *
 * per unit of underlying and per unit of volatility (σ from 0.20 to 1.20);
 * divide by 100 for the change per volatility point (0.20 → 0.21). 0 when
 * σ√T = 0 and T = 0; at zero volatility with T > 0 the limit is 0 except
 * exactly at the forward, where it is S e^{−qT} √T / √(2π) (returned as such).
 *
 * @param option type, spot, strike, expiry (years), rate, dividendYield (default 0), volatility
 * @throws {RangeError} on invalid option fields (see `bsmPrice`)
 * @example
 * bsmVega({ type: 'call', spot: 42, strike: 40, expiry: 0.5, rate: 0.1, volatility: 0.2 }); // => 8.813415059602851
 */
export function bsmVega(option: BsmOption): number {
  const t = bsmTerms(option);
  if (t.degenerate) {
    if (t.sqrtT === 0) return 0;
    return option.spot * t.dq === option.strike * t.dr ? option.spot * t.dq * t.sqrtT * normalPdf(0) : 0;
  }
  return option.spot * t.dq * normalPdf(t.d1) * t.sqrtT;
}
