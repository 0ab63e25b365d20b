import type { StressedCalibrationESOptions, StressedCalibrationESResult } from './types.js';

/**
 * FRTB stressed calibration of Expected Shortfall (Basel Committee, MAR33.5):
 * the full model cannot be run on a stressed period whose data lack some risk
 * factors, so a reduced set of risk factors R carries the stress and the
 * current full/reduced ratio scales it back up:
 *
 *   ES = ES_R,S · ES_F,C / ES_R,C
 *
 * - ES_F,C: ES with the full set of risk factors, current (latest 12 months) period;
 * - ES_R,S: ES with the reduced set, stressed period (see `stressedWindow`);
 * - ES_R,C: ES with the reduced set, current period.
 *
 * All are liquidity-horizon-adjusted ES (`liquidityHorizonES`) in loss units,
 * and must be > 0. By default the ratio ES_F,C / ES_R,C is floored at 1, as
 * in the January 2016 FRTB standard (BCBS d352) as we read it; check against
 * the rule in force, and pass floorRatio: false for the plain product.
 * `modelVariation` = ES_R,C / ES_F,C is the share of the full model the
 * reduced set explains; MAR33.5(2)(b) asks that it average at least 75% over
 * the previous 12 weeks (the caller averages; `coversVariation` flags the
 * single day against 0.75).
 *
 * @param esFullCurrent ES_F,C (> 0)
 * @param esReducedStressed ES_R,S (> 0)
 * @param esReducedCurrent ES_R,C (> 0)
 * @param options floorRatio (default true)
 * @throws {RangeError} unless every ES is a finite number > 0
 * @example
 * // ES_F,C 12, ES_R,S 15, ES_R,C 10: 15 · 12/10 = 18; model variation 10/12
 * stressedCalibrationES(12, 15, 10); // => { es: 18, ratio: 1.2, modelVariation: 0.8333…, coversVariation: true }
 */
export function stressedCalibrationES(
  esFullCurrent: number,
  esReducedStressed: number,
  esReducedCurrent: number,
  options: StressedCalibrationESOptions = {},
): StressedCalibrationESResult {
  for (const [name, v] of [
    ['esFullCurrent', esFullCurrent],
    ['esReducedStressed', esReducedStressed],
    ['esReducedCurrent', esReducedCurrent],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${String(v)}`);
  }
  const raw = esFullCurrent / esReducedCurrent;
  const ratio = (options.floorRatio ?? true) ? Math.max(raw, 1) : raw;
  const modelVariation = esReducedCurrent / esFullCurrent;
  return { es: esReducedStressed * ratio, ratio, modelVariation, coversVariation: modelVariation >= 0.75 };
}
