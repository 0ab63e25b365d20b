import {
  anomalyFinding,
  InputError,
  scoreStateHistory,
  sortFindings,
  ANOMALY_PERCENTILE,
  type Finding,
  type ReturnsMatrix,
  type ScenarioModel,
} from '@tailforge/core';

/**
 * Run sanity: what about a run's settings makes its figures less than they
 * look. Each check is a small pure function returning findings of the guard's
 * shape (code, severity, message, ...), collected by `stressTest` into the
 * run's `warnings` with the data checks and the model's fit warnings.
 */

/** Fewest simulated losses beyond VaR for a VaR / ES at a level to be more than noise. */
export const MIN_TAIL_PATHS = 10;
/** Default of `maxModelAgeDays`: a saved model trained on data ending more than this many dates before the prices' last date is stale. */
export const DEFAULT_MAX_MODEL_AGE = 20;

/**
 * `few-tail-paths` (warn) for each confidence α at which n·(1 − α) < 10: the
 * VaR is then one of fewer than ten simulated losses beyond it, and ES the
 * mean of fewer than ten; with --paths 10, VaR 95% and 99% are the same path.
 * The number of paths needed is 10/(1 − α) (1,000 at 99%).
 */
export function tailPathFindings(paths: number, confidence: readonly number[]): Finding[] {
  return confidence
    .filter((a) => paths * (1 - a) < MIN_TAIL_PATHS)
    .map((a) => {
      const need = Math.ceil(MIN_TAIL_PATHS / (1 - a) - 1e-9);
      const tail = paths * (1 - a);
      return {
        code: 'few-tail-paths',
        severity: 'warn' as const,
        message: `VaR / ES ${+(a * 100).toFixed(2)}% rest on ${+tail.toFixed(1)} tail paths of ${paths}: use at least ${need} paths (10 beyond the quantile)`,
        details: { confidence: a, paths, tailPaths: +tail.toPrecision(12), pathsNeeded: need },
      };
    });
}

/** `horizons-dropped` (warn): requested `--horizons` at or beyond `--horizon`, which the paths do not reach (the horizon itself is always reported). */
export function droppedHorizonFindings(requested: readonly number[] | undefined, horizon: number): Finding[] {
  const dropped = (requested ?? []).filter((h) => h > horizon);
  if (dropped.length === 0) return [];
  return [{
    code: 'horizons-dropped',
    severity: 'warn',
    message: `--horizons ${dropped.join(',')} lie beyond --horizon ${horizon} and are not reported: lengthen --horizon to see them`,
    details: { horizon, dropped: dropped.join(',') },
  }];
}

/**
 * `stale-model` (warn): a saved model whose training data ended more than
 * `maxAge` dates (rows of the prices, i.e. periods of their frequency)
 * before the prices' last date: it has not seen the recent market.
 */
export function staleModelFindings(model: ScenarioModel, priceDates: readonly string[], maxAge: number = DEFAULT_MAX_MODEL_AGE): Finding[] {
  const end = model.fitInfo.lastDate;
  const last = priceDates[priceDates.length - 1];
  if (end === undefined || last === undefined || end >= last) return [];
  let after = 0;
  for (let t = priceDates.length - 1; t >= 0 && priceDates[t] > end; t--) after++;
  if (after <= maxAge) return [];
  return [{
    code: 'stale-model',
    severity: 'warn',
    dates: [end, last],
    message: `the model was trained on data ending ${end}, ${after} dates before the prices' last date ${last} (more than ${maxAge}): retrain it (tailforge train) or raise --max-model-age`,
    details: { trainedTo: end, pricesTo: last, datesAfter: after, maxAge },
  }];
}

/**
 * `cornish-fisher-not-applicable` (warn) for the levels where the
 * Cornish–Fisher expansion is not monotone (cornishFisherApplicable): its
 * VaR / ES are shown as not applicable rather than as numbers.
 */
export function cornishFisherFindings(confidence: readonly number[], applicable: readonly boolean[] | undefined, skew: number, exKurt: number): Finding[] {
  const bad = confidence.filter((_, i) => applicable?.[i] === false);
  if (bad.length === 0) return [];
  return [{
    code: 'cornish-fisher-not-applicable',
    severity: 'warn',
    message: `the Cornish–Fisher reference is not applicable at ${bad.map((a) => `${+(a * 100).toFixed(2)}%`).join(', ')}: the P&L's skewness ${skew.toFixed(2)} and excess kurtosis ${exKurt.toFixed(2)} are outside the expansion's domain (it is not monotone)`,
    details: { skewness: skew, excessKurtosis: exKurt, levels: bad.join(',') },
  }];
}

/** Today's market state against the states the model was fitted on (see scoreStateHistory). */
export interface RunAnomaly {
  readonly date: string;
  readonly distance: number;
  readonly percentile: number;
  /** The 99th percentile of the training distances. */
  readonly threshold: number;
  readonly stateWindow: number;
  readonly nTraining: number;
  readonly trainingDates: readonly [string, string];
  readonly symbols: readonly string[];
}

/**
 * Scores the last date's market state (the cgan's state features over
 * `stateWindow` returns, its parameter for a cgan, else 20) against the
 * states dated within the model's fitting period, on `returns` (the model's
 * symbols where the run has their prices). Undefined when there are too few
 * training states to fit the score (it is then not computed, not guessed).
 */
export function todaysAnomaly(returns: ReturnsMatrix, model: ScenarioModel): RunAnomaly | undefined {
  const sw = model.params.stateWindow;
  const stateWindow = typeof sw === 'number' && Number.isInteger(sw) && sw >= 5 ? sw : 20;
  try {
    const h = scoreStateHistory(returns, { stateWindow, trainFrom: model.fitInfo.firstDate, trainTo: model.fitInfo.lastDate });
    const i = h.dates.length - 1;
    if (i < 0) return undefined;
    return {
      date: h.dates[i],
      distance: h.distance[i],
      percentile: h.percentile[i],
      threshold: h.threshold,
      stateWindow,
      nTraining: h.nTraining,
      trainingDates: h.trainingDates,
      symbols: returns.symbols,
    };
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

/** The `state-anomaly` finding of a run: only when today is at or above the 99th percentile (otherwise the score is in the summary, not a warning). */
export function anomalyFindings(a: RunAnomaly | undefined): Finding[] {
  if (a === undefined || a.percentile < ANOMALY_PERCENTILE) return [];
  return [anomalyFinding(a.date, a.distance, a.percentile)];
}

/** The run's warnings: findings of severity warn or error, deduplicated (same code, symbol, dates and message), in the guard's order. */
export function runWarnings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const key = JSON.stringify([f.code, f.symbol ?? '', f.dates ?? [], f.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return sortFindings(out);
}
