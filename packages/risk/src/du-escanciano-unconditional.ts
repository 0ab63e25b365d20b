import { cumulativeViolations } from './cumulative-violations.js';
import { erfc } from './erfc.js';
import type { DuEscancianoUnconditionalResult } from './types.js';

/**
 * Du–Escanciano (2017) unconditional backtest of Expected Shortfall: is the
 * mean cumulative violation H̄ = (1/T) Σ H_t (`cumulativeViolations`) equal
 * to α/2, its value under correct forecasts?
 *
 *   U_ES = √T (H̄ − α/2) / √(α (1/3 − α/4))   ~ N(0, 1) under H0,
 *
 * with the variance of H_t under H0 (u_t iid U(0, 1)). U_ES > 0: tail
 * outcomes more frequent or deeper than forecast (risk underestimated);
 * U_ES < 0: overestimated. pValue is two-sided, erfc(|U_ES| / √2). The
 * forecasts are taken as given (no correction for estimated parameters,
 * which the paper derives for in-sample fits).
 *
 * @param pit u_1..u_T, the PIT of each realized P&L under its forecast (see `pitFromSample`), each in [0, 1]
 * @param alpha tail probability α in (0, 1), e.g. 0.025
 * @throws {RangeError} on a PIT outside [0, 1], an empty series or an invalid α
 * @example
 * // α = 0.1, u = 0, 0.5, 0.5, 0.5: H = 1, 0, 0, 0; H̄ = 0.25;
 * // U = 2 · (0.25 − 0.05)/√(0.1 · (1/3 − 0.025)) = 2.2792…, p = 0.02265…
 * duEscancianoUnconditional([0, 0.5, 0.5, 0.5], 0.1);
 * // => { statistic: 2.27797…, pValue: 0.022727…, meanViolation: 0.25, violations: 1, observations: 4 }
 */
export function duEscancianoUnconditional(pit: ArrayLike<number>, alpha: number): DuEscancianoUnconditionalResult {
  const h = cumulativeViolations(pit, alpha);
  const T = h.length;
  let sum = 0;
  let violations = 0;
  for (let t = 0; t < T; t++) {
    sum += h[t];
    if (pit[t] <= alpha) violations++;
  }
  const meanViolation = sum / T;
  const statistic = (Math.sqrt(T) * (meanViolation - alpha / 2)) / Math.sqrt(alpha * (1 / 3 - alpha / 4));
  return { statistic, pValue: erfc(Math.abs(statistic) / Math.SQRT2), meanViolation, violations, observations: T };
}
