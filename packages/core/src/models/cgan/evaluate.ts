import { modelCard, type ModelCard } from '../../diagnostics/model-card.js';
import type { WindowSet } from '../../diagnostics/window-set.js';
import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { bootstrapModel } from '../bootstrap/bootstrap.js';
import { fhsModel, type FhsModel } from '../fhs/fhs.js';
import { fhsPathsFrom, fhsStartVariances } from '../fhs/fhs-from-state.js';
import { gaussianModel } from '../gaussian/gaussian.js';
import type { CganModel } from './cgan-model.js';
import { range } from './dataset-range.js';
import { returnsFor } from './returns-columns.js';

export interface HeldOutOptions {
  /** First held-out date index: real windows start there (or later, when a state needs more history). */
  readonly fromIndex: number;
  /** Generated windows per real window (each from the real window's state). Default 4. */
  readonly reps?: number;
  readonly seed?: number;
  /** Fit the baselines on date indices [baselineFrom, fromIndex). Default 0. Set `baselines: false` to skip them. */
  readonly baselineFrom?: number;
  readonly baselines?: boolean;
}

export interface HeldOutEvaluation {
  readonly card: ModelCard;
  readonly real: WindowSet;
  readonly generated: readonly { readonly name: string; readonly windows: WindowSet }[];
  readonly heldOut: { readonly firstDate: string; readonly lastDate: string; readonly nWindows: number };
  readonly baselineDates?: readonly [string, string];
}

/** Raw cgan states as of the day before each start, from one filter pass over `returns`. */
function statesBefore(model: CganModel, returns: ReturnsMatrix, starts: Int32Array): Float64Array {
  const S = model.stateDim;
  const out = new Float64Array(starts.length * S);
  // The filter runs from the first day of `returns`; one pass per state would be quadratic.
  const all = model.statesOf(returns);
  for (let i = 0; i < starts.length; i++) out.set(all.subarray((starts[i] - 1) * S, starts[i] * S), i * S);
  return out;
}

/**
 * Windows for a model card: `reps` generated windows per real window, the cgan
 * and the state-filtered fhs baseline each from the real window's own
 * starting state (cgan: its state; fhs: the GARCH variances filtered up to
 * the day before), bootstrap and gaussian unconditionally; baselines fitted on
 * date indices [fitFrom, fitTo).
 */
async function cardWindows(model: CganModel, returns: ReturnsMatrix, starts: Int32Array, reps: number, seed: number, fitFrom: number, fitTo: number, baselines: boolean) {
  const H = model.window, A = model.symbols.length, n = starts.length;
  const realValues = new Float32Array(n * H * A);
  for (let i = 0; i < n; i++) realValues.set(returns.values.subarray(starts[i] * A, (starts[i] + H) * A), i * H * A);
  const real: WindowSet = { values: realValues, nWindows: n, horizon: H, nAssets: A };
  const states = statesBefore(model, returns, starts);
  const tiled = new Float64Array(states.length * reps);
  for (let r = 0; r < reps; r++) tiled.set(states, r * states.length);
  const generated: { name: string; windows: WindowSet }[] = [{ name: 'cgan', windows: { values: model.sampleFromStates(tiled, H, seed), nWindows: n * reps, horizon: H, nAssets: A } }];
  let baselineDates: [string, string] | undefined;
  const nFit = fitTo - fitFrom;
  if (baselines && nFit > 0) {
    const fitOn: ReturnsMatrix = { dates: returns.dates.slice(fitFrom, fitTo), symbols: returns.symbols, values: returns.values.slice(fitFrom * A, fitTo * A) };
    if (nFit >= fhsModel.minObservations({})) {
      const fhs = (await fhsModel.fit(fitOn, {}, { seed })) as FhsModel;
      // Filter from fitFrom so the baseline's recursion starts where its fit did.
      const sub: ReturnsMatrix = { dates: returns.dates.slice(fitFrom), symbols: returns.symbols, values: returns.values.slice(fitFrom * A) };
      const v = fhsStartVariances(fhs, sub, Array.from(starts, (s) => s - 1 - fitFrom));
      const values = new Float32Array(n * reps * H * A);
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < n; i++) values.set(fhsPathsFrom(fhs, v.subarray(i * A, (i + 1) * A), 1, H, seed, r * n + i), (r * n + i) * H * A);
      }
      generated.push({ name: 'fhs', windows: { values, nWindows: n * reps, horizon: H, nAssets: A } });
    }
    for (const f of [bootstrapModel, gaussianModel]) {
      if (nFit < f.minObservations({})) continue;
      const m = await f.fit(fitOn, {}, { seed });
      generated.push({ name: f.name, windows: { values: await m.sample({ nPaths: n * reps, horizon: H, seed }), nWindows: n * reps, horizon: H, nAssets: A } });
    }
    baselineDates = [fitOn.dates[0], fitOn.dates[nFit - 1]];
  }
  return { real, generated, baselineDates };
}

/**
 * The model card on held-out data: every window of H days starting at or
 * after `fromIndex` (stride 1) is a real window; see {@link cardWindows}.
 */
export async function heldOutEvaluation(model: CganModel, data: ReturnsMatrix, options: HeldOutOptions): Promise<HeldOutEvaluation> {
  const returns = returnsFor(data, model.symbols);
  const H = model.window, T = returns.dates.length;
  const reps = options.reps ?? 4;
  const seed = options.seed ?? 1;
  const first = Math.max(options.fromIndex, model.stateWindow);
  const last = T - H;
  if (last < first) {
    throw new InputError(`no held-out window: need ${H} days from ${returns.dates[Math.min(first, T - 1)] ?? 'the start'} on (and ${model.stateWindow} days before it), the data has ${T - first}`);
  }
  const starts = range(first, last);
  const w = await cardWindows(model, returns, starts, reps, seed, options.baselineFrom ?? 0, first, options.baselines !== false);
  return {
    card: modelCard(w.real, w.generated),
    real: w.real,
    generated: w.generated,
    heldOut: { firstDate: returns.dates[first], lastDate: returns.dates[T - 1], nWindows: starts.length },
    ...(w.baselineDates !== undefined ? { baselineDates: w.baselineDates } : {}),
  };
}

/**
 * The card stored with a fitted cgan: its validation windows (spread over the
 * history, not used for the gradient steps), baselines fitted on all the
 * fitting days (so they have seen those windows: the comparison favours them),
 * compacted for model.json.
 */
export async function validationCard(model: CganModel, returns: ReturnsMatrix, starts: Int32Array, seed: number): Promise<ModelCard | undefined> {
  if (starts.length < 2) return undefined;
  const w = await cardWindows(model, returns, starts, 4, seed, 0, returns.dates.length, true);
  return compactCard(modelCard(w.real, w.generated));
}

/** A model card without the correlation matrices (A² numbers per model), small enough for model.json. */
export function compactCard(card: ModelCard): ModelCard {
  const strip = <S extends { correlation: number[] }>(s: S): S => ({ ...s, correlation: [] });
  return { ...card, real: strip(card.real), models: card.models.map((m) => ({ ...m, stats: strip(m.stats) })) };
}
