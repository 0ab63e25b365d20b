import { InputError, isCganModel, ModelError, type CganModel, type ConditioningState, type ReturnsMatrix, type ScenarioModel } from '@tailforge/core';
import { parseRegimeSpec } from './regime-spec.js';

/** Where a run's stressed (or baseline) state comes from. */
export type StateRequest =
  | { readonly kind: 'latest' }
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'regime'; readonly spec: string };

/** A conditioning state with where it came from. */
export interface ResolvedState {
  readonly kind: StateRequest['kind'];
  readonly state: ConditioningState;
  /** For reports: `latest (2001-01-02)`, `1998-08-31`, `p99 (1998-10-08)`. */
  readonly label: string;
  /** Date of the returns the state was computed from (its last day). */
  readonly date: string;
  /** The regime quantile, for kind `regime`. */
  readonly quantile?: number;
}

/**
 * The model as a conditional cgan, or a ModelError naming what is needed:
 * stressed conditioning, tail focus and reverse stress work in a cgan's
 * state and latent spaces.
 */
export function requireCgan(model: ScenarioModel | undefined, what: string): CganModel {
  if (model !== undefined && isCganModel(model)) return model;
  const name = model?.name ?? 'none';
  const why = model?.capabilities.conditional ? 'is not a cgan' : 'is not conditional';
  throw new ModelError(`${what} needs a conditional GAN (--model-dir of a trained cgan, e.g. examples/models/cgan-dow); the model ${name} ${why}`);
}

/**
 * Resolves a state request against the history `returns` (which must hold
 * the model's symbols; extra columns are ignored):
 *
 * - latest: the state as of the last date (the run's "today");
 * - date: the state as of the close of the last trading day on or before the
 *   date (so a weekend names the Friday before); InputError when the date is
 *   before the first day with a full state (stateWindow returns) or after the
 *   last day of the history;
 * - regime: {@link CganModel.historicalStateQuantile} (a state that really
 *   occurred, whose 20-day market log volatility is the q-quantile).
 */
export function resolveState(model: CganModel, returns: ReturnsMatrix, request: StateRequest): ResolvedState {
  const dates = returns.dates;
  const T = dates.length;
  if (T < model.stateWindow) {
    throw new InputError(`a ${model.name} state needs ${model.stateWindow} daily returns, the prices give ${T}`);
  }
  switch (request.kind) {
    case 'latest': {
      const s = model.latestState(returns);
      return { kind: 'latest', state: { values: s.values, label: `latest (${dates[T - 1]})` }, label: `latest (${dates[T - 1]})`, date: dates[T - 1] };
    }
    case 'date': {
      const first = dates[model.stateWindow - 1];
      if (request.date < first || request.date > dates[T - 1]) {
        throw new InputError(
          `stress state date ${request.date} is outside the history: states exist from ${first} (${model.stateWindow} returns after the first price) to ${dates[T - 1]}`,
        );
      }
      const t = lastIndexOnOrBefore(dates, request.date);
      const s = model.stateAt(returns, t);
      const label = dates[t] === request.date ? request.date : `${request.date} (as of ${dates[t]})`;
      return { kind: 'date', state: { values: s.values, label }, label, date: dates[t] };
    }
    case 'regime': {
      const spec = parseRegimeSpec(request.spec);
      const q = model.historicalStateQuantile(returns, spec.quantile);
      const label = `${spec.label} (${q.date})`;
      return { kind: 'regime', state: { values: q.state.values, label }, label, date: q.date, quantile: spec.quantile };
    }
  }
}

/** Largest t with dates[t] ≤ date (dates ascending, ISO strings compare as dates); −1 when none. */
function lastIndexOnOrBefore(dates: readonly string[], date: string): number {
  let lo = 0, hi = dates.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** A state's headline values in readable units, for reports. */
export interface StateDescription {
  /** Geometric mean over the symbols of their filtered (GJR-GARCH) volatilities for the next day, annualised (×√252). */
  readonly marketVol: number;
  /** The same for the symbols' long-run volatilities: marketVol / exp(volatility level). */
  readonly marketVolRecent: number;
  /** Arithmetic mean over the symbols of their annualised filtered volatilities. */
  readonly meanAssetVol: number;
  /** The equal-weight market's log return over the state's last stateWindow days (5 by default). */
  readonly marketReturn5: number;
}

const TRADING_DAYS = 252;

/**
 * Reads the cgan state layout (core's state-features.ts: 0 volatility level
 * = mean over symbols of ln(σ/σ̄), 1 recent market move, 2..1+A each symbol's
 * ln σ) into annualised volatilities: σ_ann = σ·√252.
 */
export function describeState(model: CganModel, state: ConditioningState): StateDescription {
  const v = state.values;
  const A = model.symbols.length;
  let assets = 0, logs = 0;
  for (let a = 0; a < A; a++) {
    assets += Math.exp(v[2 + a]);
    logs += v[2 + a];
  }
  const ann = Math.sqrt(TRADING_DAYS);
  const geo = Math.exp(logs / A) * ann;
  return { marketVol: geo, marketVolRecent: geo / Math.exp(v[0]), meanAssetVol: (assets / A) * ann, marketReturn5: v[1] };
}
