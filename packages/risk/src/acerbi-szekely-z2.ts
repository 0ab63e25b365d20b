import { checkProbability } from './backtest-validate.js';
import type { AcerbiSzekelyResult } from './types.js';
import { checkFiniteSample } from './validate.js';

/** Published critical values of Z2 at α = 2.5% (Acerbi & Szekely 2014): 5% and 0.01% significance. */
const YELLOW_AT = -0.7;
const RED_AT = -1.8;

function forecastAt(forecast: number | ArrayLike<number>, t: number): number {
  return typeof forecast === 'number' ? forecast : forecast[t];
}

/**
 * Acerbi–Szekely (2014) "Z2" backtest of Expected Shortfall.
 *
 * Conventions: X_t is the realized P&L of day t (gains positive, losses
 * negative); VaR_t and ES_t are that day's forecasts in loss units (positive
 * = loss), as `valueAtRisk` / `expectedShortfall` return them; α is the tail
 * probability (1 − confidence, e.g. 0.025 for 97.5% ES). With the exception
 * indicator I_t = 1 when X_t + VaR_t < 0 (the loss −X_t exceeds VaR_t):
 *
 *   Z2 = Σ_{t=1}^T X_t I_t / (T α ES_t) + 1.
 *
 * E[Z2] = 0 when the ES forecasts are right (exceptions occur with
 * probability α and average loss ES_t); Z2 < 0 means risk is underestimated
 * (more or bigger tail losses), Z2 > 0 overestimated. The test is one-sided.
 * Zones follow the thresholds published for α = 2.5%, which Acerbi and
 * Szekely found nearly independent of the distribution: yellow at Z2 <= −0.70
 * (5% significance), red at Z2 <= −1.8 (0.01%); for other α they are only
 * indicative.
 *
 * @param realizedPnl realized daily P&L X_1..X_T (finite, at least one)
 * @param varForecast VaR_t per day, or one number for all days (finite)
 * @param esForecast ES_t per day, or one number for all days (finite; > 0 on exception days)
 * @param alpha tail probability α in (0, 1)
 * @throws {RangeError} on invalid input or mismatched lengths
 * @example
 * // T = 4, α = 0.25, VaR 1, ES 2: one exception with loss 2 = ES → Z2 = −2/(4·0.25·2) + 1 = 0
 * acerbiSzekelyZ2([1, -2, 0.5, -0.5], 1, 2, 0.25); // => { z2: 0, exceptions: 1, observations: 4, zone: 'green' }
 */
export function acerbiSzekelyZ2(
  realizedPnl: ArrayLike<number>,
  varForecast: number | ArrayLike<number>,
  esForecast: number | ArrayLike<number>,
  alpha: number,
): AcerbiSzekelyResult {
  checkFiniteSample(realizedPnl, 'realizedPnl');
  checkProbability(alpha, 'alpha');
  const T = realizedPnl.length;
  for (const [name, forecast] of [
    ['varForecast', varForecast],
    ['esForecast', esForecast],
  ] as const) {
    if (typeof forecast !== 'number' && forecast.length !== T) {
      throw new RangeError(`${name} must be a number or have one forecast per day (${T}), got length ${forecast.length}`);
    }
  }
  let sum = 0;
  let exceptions = 0;
  for (let t = 0; t < T; t++) {
    const v = forecastAt(varForecast, t);
    const e = forecastAt(esForecast, t);
    if (!Number.isFinite(v)) throw new RangeError(`varForecast[${t}] must be a finite number, got ${String(v)}`);
    if (!Number.isFinite(e)) throw new RangeError(`esForecast[${t}] must be a finite number, got ${String(e)}`);
    const x = realizedPnl[t];
    if (x + v < 0) {
      // ES_t only enters on exception days; there it must be a loss for the ratio to mean anything.
      if (!(e > 0)) throw new RangeError(`esForecast[${t}] must be > 0 on an exception day, got ${e}`);
      sum += x / e;
      exceptions++;
    }
  }
  const z2 = sum / (T * alpha) + 1;
  const zone = z2 <= RED_AT ? 'red' : z2 <= YELLOW_AT ? 'yellow' : 'green';
  return { z2, exceptions, observations: T, zone };
}
