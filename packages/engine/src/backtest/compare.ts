import { dieboldMariano, modelConfidenceSet, quantileLoss } from '@tailforge/risk';
import { fz0LossesOf } from './evaluate.js';
import type { WalkForwardResult } from './walk-forward.js';

/** Significance of the Diebold–Mariano verdicts and level of the model confidence set. */
export const DM_SIGNIFICANCE = 0.05;
export const MCS_ALPHA = 0.1;
/** Bootstrap resamples of the model confidence set. */
export const MCS_RESAMPLES = 1000;

/** One model against the reference at one level: Diebold–Mariano on the per-day FZ0 losses (model − reference). */
export interface DmComparison {
  readonly model: string;
  /** DM statistic; null when undefined (identical losses, or FZ0 not available). */
  readonly statistic: number | null;
  readonly pValue: number | null;
  /** Mean FZ0 loss difference, model − reference (negative: the model is better on average). */
  readonly meanDifference: number | null;
  /** 'ok', 'identical' (every day the same loss: no test), 'zero-variance' (a constant difference) or 'no-fz0' (an ES <= 0). */
  readonly status: 'ok' | 'identical' | 'zero-variance' | 'no-fz0';
  /** The significantly better of the two at DM_SIGNIFICANCE, or null when neither is. */
  readonly winner: string | null;
  /** The same test on the quantile (VaR-only) losses. */
  readonly quantile: { readonly statistic: number | null; readonly pValue: number | null; readonly winner: string | null; readonly status: string };
}

export interface RankedModel {
  readonly model: string;
  /** 1 = best (the model confidence set's survivor). */
  readonly rank: number;
  readonly meanFz0Loss: number | null;
  readonly meanQuantileLoss: number;
  /** MCS p-value (1 for the survivor); null without FZ0 losses or with one model. */
  readonly mcsPValue: number | null;
  /** Whether the model is in the MCS at level 1 − MCS_ALPHA. */
  readonly inConfidenceSet: boolean | null;
}

export interface LevelComparison {
  readonly confidence: number;
  readonly reference: string;
  /** Every model but the reference against it. */
  readonly dm: readonly DmComparison[];
  /** Best first: by the model confidence set on FZ0 losses (by mean FZ0 loss when it cannot be run). */
  readonly ranking: readonly RankedModel[];
  /** The lowest-loss model (rank 1). */
  readonly best: string;
}

export interface BacktestComparison {
  readonly reference: string;
  readonly loss: 'FZ0';
  readonly significance: number;
  readonly mcs: { readonly alpha: number; readonly resamples: number; readonly blockLength: number | null };
  /** Newey–West bandwidth of the DM tests: max(h − 1, floor(4 (T/100)^{2/9})). */
  readonly dmLag: number;
  readonly levels: readonly LevelComparison[];
}

/**
 * The reference model of a comparison: `requested` when given (it must be one
 * of the models), else fhs when it is compared, else the first model.
 */
export function referenceModel(models: readonly string[], requested?: string): string {
  if (requested !== undefined) return requested;
  return models.includes('fhs') ? 'fhs' : models[0];
}

/**
 * Forecast comparison of a walk-forward backtest, per level: each model's
 * average FZ0 joint VaR/ES loss and quantile loss, a Diebold–Mariano test of
 * every model against the reference (per-day loss differentials, Newey–West
 * variance with bandwidth at least h − 1), and the Hansen–Lunde–Nason model
 * confidence set (T_max, block bootstrap seeded from the backtest's seed) as
 * the ranking. Null with fewer than 2 forecast days.
 */
export function compareForecasts(r: WalkForwardResult): BacktestComparison | null {
  const T = r.realized.length;
  if (T < 2 || r.forecasts.length === 0) return null;
  const names = r.forecasts.map((f) => f.model);
  const reference = referenceModel(names, r.config.reference);
  const ref = names.indexOf(reference);
  if (ref < 0) throw new RangeError(`reference model ${reference} is not among the backtested models (${names.join(', ')})`);
  // The Newey–West (1994) rule floor(4 (T/100)^{2/9}) that dieboldMariano uses by default, at least h − 1.
  const lag = Math.min(Math.max(r.config.horizon - 1, Math.floor(4 * Math.pow(T / 100, 2 / 9))), T - 1);
  let blockLength: number | null = null;
  const levels = r.config.confidence.map((c, l): LevelComparison => {
    const alpha = 1 - c;
    const fz0 = r.forecasts.map((f) => fz0LossesOf(r.realized, f.var[l], f.es[l], alpha));
    const ql = r.forecasts.map((f) => quantileLoss(r.realized, f.var[l], alpha).losses);
    const dm: DmComparison[] = [];
    for (let i = 0; i < names.length; i++) {
      if (i === ref) continue;
      const qd = dieboldMariano(ql[i], ql[ref], { lag, significance: DM_SIGNIFICANCE });
      const quantile = { statistic: finite(qd.statistic), pValue: finite(qd.pValue), winner: winnerOf(qd.better, names[i], reference), status: qd.status };
      const a = fz0[i], b = fz0[ref];
      if (a === null || b === null) {
        dm.push({ model: names[i], statistic: null, pValue: null, meanDifference: null, status: 'no-fz0', winner: null, quantile });
        continue;
      }
      const d = dieboldMariano(a, b, { lag, significance: DM_SIGNIFICANCE });
      dm.push({ model: names[i], statistic: finite(d.statistic), pValue: finite(d.pValue), meanDifference: d.meanDifference, status: d.status, winner: winnerOf(d.better, names[i], reference), quantile });
    }
    const mean = (x: Float64Array | null): number | null => (x === null ? null : x.reduce((s, v) => s + v, 0) / x.length);
    const meanFz0 = fz0.map(mean);
    const meanQl = ql.map((x) => x.reduce((s, v) => s + v, 0) / x.length);
    let order: number[];
    let pValues: (number | null)[] = names.map(() => null);
    let included: (boolean | null)[] = names.map(() => null);
    if (names.length >= 2 && fz0.every((x) => x !== null)) {
      const mcs = modelConfidenceSet(fz0 as Float64Array[], { alpha: MCS_ALPHA, resamples: MCS_RESAMPLES, seed: r.config.seed });
      blockLength = mcs.blockLength;
      order = mcs.ranking;
      pValues = Array.from(mcs.pValues);
      included = mcs.included;
    } else {
      // Without FZ0 losses for every model: by mean FZ0 loss where there is one, then quantile loss.
      order = names.map((_, i) => i).sort((x, y) => (meanFz0[x] ?? Infinity) - (meanFz0[y] ?? Infinity) || meanQl[x] - meanQl[y]);
    }
    const ranking = order.map((i, k): RankedModel => ({
      model: names[i],
      rank: k + 1,
      meanFz0Loss: meanFz0[i],
      meanQuantileLoss: meanQl[i],
      mcsPValue: pValues[i],
      inConfidenceSet: included[i],
    }));
    return { confidence: c, reference, dm, ranking, best: ranking[0].model };
  });
  return {
    reference,
    loss: 'FZ0',
    significance: DM_SIGNIFICANCE,
    mcs: { alpha: MCS_ALPHA, resamples: MCS_RESAMPLES, blockLength },
    dmLag: lag,
    levels,
  };
}

function finite(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

function winnerOf(better: 'first' | 'second' | 'neither', model: string, reference: string): string | null {
  return better === 'first' ? model : better === 'second' ? reference : null;
}
