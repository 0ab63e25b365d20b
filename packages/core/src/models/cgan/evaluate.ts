import { modelCard, type ModelCard } from '../../diagnostics/model-card.js';
import type { WindowSet } from '../../diagnostics/window-set.js';
import { InputError } from '../../errors.js';
import type { ReturnsMatrix } from '../../market/types.js';
import { bootstrapModel } from '../bootstrap/bootstrap.js';
import { gaussianModel } from '../gaussian/gaussian.js';
import type { CganModel } from './cgan-model.js';
import { range, rawStates } from './dataset.js';
import { returnsFor } from './returns-columns.js';

export interface HeldOutOptions {
  /** First held-out date index: real windows start there (or later, when a state needs more history). */
  readonly fromIndex: number;
  /** Generated windows per real window (each from the real window's state). Default 4. */
  readonly reps?: number;
  readonly seed?: number;
  /** Fit the bootstrap and gaussian baselines on date indices [baselineFrom, fromIndex). Default 0. Set `baselines: false` to skip them. */
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

/**
 * The model card on held-out data: every window of H days starting at or
 * after `fromIndex` (stride 1) is a real window; the cgan generates `reps`
 * windows from each real window's own starting state (the state as of the
 * day before it), so conditional behaviour is compared like for like; the
 * unconditional baselines, fitted on the days before `fromIndex`, draw the
 * same number of H-day paths.
 */
export async function heldOutEvaluation(model: CganModel, data: ReturnsMatrix, options: HeldOutOptions): Promise<HeldOutEvaluation> {
  const returns = returnsFor(data, model.symbols);
  const H = model.window, A = model.symbols.length, T = returns.dates.length;
  const reps = options.reps ?? 4;
  const seed = options.seed ?? 1;
  const first = Math.max(options.fromIndex, model.stateWindow);
  const last = T - H;
  if (last < first) {
    throw new InputError(
      `no held-out window: need ${H} days from ${returns.dates[Math.min(first, T - 1)] ?? 'the start'} on (and ${model.stateWindow} days before it), the data has ${T - first}`,
    );
  }
  const starts = range(first, last);
  const n = starts.length;
  const realValues = new Float32Array(n * H * A);
  for (let i = 0; i < n; i++) realValues.set(returns.values.subarray(starts[i] * A, (starts[i] + H) * A), i * H * A);
  const real: WindowSet = { values: realValues, nWindows: n, horizon: H, nAssets: A };

  const states = rawStates(returns.values, A, starts, model.stateWindow);
  const tiled = new Float64Array(states.length * reps);
  for (let r = 0; r < reps; r++) tiled.set(states, r * states.length);
  const generated = [{ name: 'cgan', windows: { values: model.sampleFromStates(tiled, H, seed), nWindows: n * reps, horizon: H, nAssets: A } as WindowSet }];

  let baselineDates: [string, string] | undefined;
  if (options.baselines !== false) {
    const from = options.baselineFrom ?? 0;
    const nFit = first - from;
    const fitOn: ReturnsMatrix = {
      dates: returns.dates.slice(from, first),
      symbols: returns.symbols,
      values: returns.values.slice(from * A, first * A),
    };
    for (const f of [bootstrapModel, gaussianModel]) {
      if (nFit < f.minObservations({})) continue;
      const m = await f.fit(fitOn, {}, { seed });
      generated.push({ name: f.name, windows: { values: await m.sample({ nPaths: n * reps, horizon: H, seed }), nWindows: n * reps, horizon: H, nAssets: A } });
    }
    if (nFit > 0) baselineDates = [fitOn.dates[0], fitOn.dates[nFit - 1]];
  }
  return {
    card: modelCard(real, generated),
    real,
    generated,
    heldOut: { firstDate: returns.dates[first], lastDate: returns.dates[T - 1], nWindows: n },
    ...(baselineDates !== undefined ? { baselineDates } : {}),
  };
}

/** A model card without the correlation matrices (A² numbers per model), small enough for model.json. */
export function compactCard(card: ModelCard): ModelCard {
  const strip = <S extends { correlation: number[] }>(s: S): S => ({ ...s, correlation: [] });
  return { ...card, real: strip(card.real), models: card.models.map((m) => ({ ...m, stats: strip(m.stats) })) };
}
