import { modelCard } from '../../diagnostics/model-card.js';
import type { WindowSet } from '../../diagnostics/window-set.js';

/**
 * The model-selection metric: a distance between generated and real held-out
 * windows (lower is better), a sum of scale-free parts from the model card:
 *   mean |log(std ratio)|  + mean W1/std  + (|Δq01| + |Δq99|)/(2·mean std)
 *   + mean |ΔACF(|r|)| and |ΔACF(r)| over lags 1..5  + correlation MAE
 *   + 0.1·min(mean relative kurtosis error, 3)
 * Kurtosis gets a small, capped weight: on a few hundred held-out days it is
 * the noisiest of these estimates.
 */
export function validationMetric(real: WindowSet, generated: WindowSet): number {
  const card = modelCard(real, [{ name: 'cgan', windows: generated }], 5);
  const e = card.models[0].errors;
  const meanStd = card.real.std.reduce((s, v) => s + v, 0) / card.real.std.length;
  const metric =
    e.stdLogRatio +
    e.w1Scaled +
    (e.q01Error + e.q99Error) / (2 * meanStd) +
    e.acfAbsError1to5 +
    e.acfError1to5 +
    e.correlationMae +
    0.1 * Math.min(Number.isFinite(e.kurtosisRelErrorPerAsset) ? e.kurtosisRelErrorPerAsset : 3, 3);
  return metric;
}
