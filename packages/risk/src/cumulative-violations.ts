import { checkProbability } from './backtest-validate.js';
import { checkPitSeries } from './pit-validate.js';

/**
 * Cumulative violations of Du & Escanciano (2017), "Backtesting Expected
 * Shortfall: Accounting for Tail Risk", Management Science 63(4):
 *
 *   H_t(α) = (1/α) ∫_0^α 1{u_t <= β} dβ = (1/α)(α − u_t) · 1{u_t <= α}
 *
 * where u_t = F_t(X_t) is the probability integral transform (PIT) of the
 * realized P&L X_t under day t's forecast distribution (see `pitFromSample`),
 * and α the tail probability (0.025 for 97.5% ES). H_t is 0 outside the
 * α-tail and grows to 1 as the outcome goes deeper into it. Under a correct
 * forecast (u_t iid U(0, 1)): E[H_t] = α/2, Var[H_t] = α(1/3 − α/4).
 *
 * @param pit u_1..u_T, each in [0, 1]
 * @param alpha tail probability α in (0, 1)
 * @throws {RangeError} on a PIT outside [0, 1], an empty series or an invalid α
 * @example
 * cumulativeViolations([0.01, 0.5, 0.1], 0.1); // => Float64Array [0.9, 0, 0]
 */
export function cumulativeViolations(pit: ArrayLike<number>, alpha: number): Float64Array {
  checkPitSeries(pit);
  checkProbability(alpha, 'alpha');
  const T = pit.length;
  const h = new Float64Array(T);
  for (let t = 0; t < T; t++) h[t] = pit[t] <= alpha ? (alpha - pit[t]) / alpha : 0;
  return h;
}
