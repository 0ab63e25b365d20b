import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import type { Finding } from '../finding.js';
import { fitAnomalyScorer, type AnomalyScorerOptions } from './anomaly-scorer.js';
import { stateFeatureMatrix } from './state-matrix.js';

export interface AnomalyHistoryOptions extends AnomalyScorerOptions {
  /** Days of returns in a state (the cgan's stateWindow); default 20. */
  readonly stateWindow?: number;
  /** Training states: those dated from `trainFrom` to `trainTo` (inclusive; default all). */
  readonly trainFrom?: string;
  readonly trainTo?: string;
}

/** Fewest training states a score is fitted on. */
export const MIN_TRAINING_STATES = 30;
/** A state above this percentile of the training states is anomalous. */
export const ANOMALY_PERCENTILE = 0.99;

export interface AnomalyHistory {
  readonly stateWindow: number;
  readonly features: readonly string[];
  /** The dates scored: every date with a full state. */
  readonly dates: readonly string[];
  readonly distance: Float64Array;
  /** Percentile of each date's distance among the training states' distances. */
  readonly percentile: Float64Array;
  /** 1 for dates whose state is a training state. */
  readonly training: Uint8Array;
  readonly trainingDates: readonly [string, string];
  readonly nTraining: number;
  /** The 99th percentile of the training distances: the line above which a day is anomalous. */
  readonly threshold: number;
  readonly shrinkage: number;
}

/**
 * Scores the market state of every date of a history (see
 * anomaly-scorer.ts) against the states of a training period (the dates a
 * model was fitted on, or the whole history). In-sample dates get their rank
 * among the training states; a date above {@link ANOMALY_PERCENTILE} is
 * more unusual than 99% of them.
 */
export function scoreStateHistory(returns: ReturnsMatrix, options: AnomalyHistoryOptions = {}): AnomalyHistory {
  const stateWindow = options.stateWindow ?? 20;
  if (!Number.isInteger(stateWindow) || stateWindow < 5) throw new InputError(`state window must be a whole number ≥ 5, got ${stateWindow}`);
  const m = stateFeatureMatrix(returns, stateWindow);
  const n = m.dates.length;
  const p = m.nFeatures;
  const from = options.trainFrom ?? '0000-00-00';
  const to = options.trainTo ?? '9999-99-99';
  const training = new Uint8Array(n);
  let nTrain = 0;
  for (let i = 0; i < n; i++) if (m.dates[i] >= from && m.dates[i] <= to) (training[i] = 1), nTrain++;
  if (nTrain < MIN_TRAINING_STATES) {
    throw new InputError(
      `the anomaly score needs at least ${MIN_TRAINING_STATES} training states (days with ${stateWindow} returns before them${options.trainFrom !== undefined ? ` from ${from} to ${to}` : ''}), the data has ${nTrain}`,
    );
  }
  const x = new Float64Array(nTrain * p);
  let k = 0;
  for (let i = 0; i < n; i++) if (training[i] === 1) x.set(m.values.subarray(i * p, (i + 1) * p), p * k++);
  const scorer = fitAnomalyScorer(x, nTrain, p, options);
  const distance = new Float64Array(n);
  const percentile = new Float64Array(n);
  let first = '';
  let last = '';
  for (let i = 0; i < n; i++) {
    const s = scorer.score(m.values.subarray(i * p, (i + 1) * p));
    distance[i] = s.distance;
    percentile[i] = s.percentile;
    if (training[i] === 1) {
      if (first === '') first = m.dates[i];
      last = m.dates[i];
    }
  }
  return {
    stateWindow,
    features: m.names,
    dates: m.dates,
    distance,
    percentile,
    training,
    trainingDates: [first, last],
    nTraining: nTrain,
    threshold: scorer.quantile(ANOMALY_PERCENTILE),
    shrinkage: scorer.shrinkage,
  };
}

/**
 * The finding for one date's score (e.g. today's, in a run): `warn` when its
 * state is more unusual than {@link ANOMALY_PERCENTILE} of the training
 * states (a conditional model then extrapolates), else `info` stating it.
 */
export function anomalyFinding(date: string, distance: number, percentile: number): Finding {
  const warn = percentile >= ANOMALY_PERCENTILE;
  return {
    code: 'state-anomaly',
    severity: warn ? 'warn' : 'info',
    dates: [date],
    message: `the market state on ${date} is at the ${(percentile * 100).toFixed(1)}th percentile of the training states (distance ${distance.toFixed(2)})` +
      (warn ? ': outside the model\'s experience, conditional scenarios extrapolate' : ''),
    details: { distance, percentile },
  };
}
