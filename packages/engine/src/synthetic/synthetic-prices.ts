import { getModel, lastPrices, loadModel, sliceDates, toLogReturns, type PriceTable, type RawParams, type ScenarioModel, type MissingPolicy, type ReturnsKind } from '@tailforge/core';
import { pathChunks } from '@tailforge/scenarios';
import { observe, type RunOptions } from '../run-log.js';
import { RUN_DEFAULTS } from '../run/stress-test.js';
import { pricesOf } from '../run/run-inputs.js';
import { planFocus } from '../run/scenario-focus.js';
import { peekSymbols } from '../run/peek-symbols.js';
import { businessDaysAfter } from './business-days.js';

/** What synthetic price histories to draw: a model (fitted here or trained), the prices it continues, how many paths of how many days. */
export interface SyntheticRequest {
  /** Registry name of a model to fit on the prices (default bootstrap), unless `trainedModel` or `modelDir` is given. */
  readonly model?: string;
  readonly modelParams?: RawParams;
  readonly trainedModel?: ScenarioModel;
  readonly modelDir?: string;
  /** The history to continue: as data or a CSV file. */
  readonly prices?: PriceTable;
  readonly pricesFile?: string;
  /** `pricesFile` holds returns of this kind (`--returns`): the paths continue their price index (starting at 1). */
  readonly returnsKind?: ReturnsKind;
  /** Symbols to fit a model on (default: every column of the prices); a trained model brings its own. */
  readonly symbols?: readonly string[];
  readonly missing?: MissingPolicy;
  /** Fit on the last N returns only. */
  readonly lookback?: number;
  readonly paths: number;
  /** Days per path. */
  readonly horizon: number;
  readonly seed?: number;
  /** Conditional models (cgan): start from the state as of this date instead of the latest. */
  readonly state?: string;
  /** Conditional models (cgan): start from this quantile of the historical states (`p99`, `median`). */
  readonly regime?: string;
  /** Paths per chunk (default 1024). */
  readonly chunkPaths?: number;
}

/** A block of synthetic price paths: `prices[(p · horizon + t) · symbols.length + a]` is path firstPath + p, day dates[t], symbol a. */
export interface SyntheticChunk {
  readonly symbols: readonly string[];
  /** The paths' dates: the business days after the last real day. */
  readonly dates: readonly string[];
  readonly firstPath: number;
  readonly nPaths: number;
  readonly prices: Float64Array;
  /** The last real day and its prices, where every path starts. */
  readonly start: { readonly date: string; readonly prices: Float64Array };
}

/**
 * Synthetic price histories for research (developing and testing trading
 * strategies): paths of a model continuing the real prices, P_t = P_0 ·
 * exp(r_1 + … + r_t) from the last real prices P_0 and the model's daily log
 * returns r, dated on the business days (Mon–Fri) after the last real day.
 * Yields chunks of paths as they are drawn; the paths depend on the seed,
 * not on the chunk size. Writes no file.
 *
 * @example
 * for await (const chunk of syntheticPrices({ pricesFile: 'prices.csv', model: 'bootstrap', paths: 100, horizon: 250, seed: 7 })) {
 *   console.log(chunk.firstPath, chunk.nPaths, chunk.dates[0], chunk.prices[0]);
 * }
 */
export async function* syntheticPrices(request: SyntheticRequest, options: RunOptions = {}): AsyncGenerator<SyntheticChunk> {
  const log = observe(options);
  const seed = request.seed ?? RUN_DEFAULTS.seed;
  const missing = request.missing ?? RUN_DEFAULTS.missing;
  const factory = request.trainedModel === undefined && request.modelDir === undefined ? getModel(request.model ?? RUN_DEFAULTS.model) : undefined;
  const trained = request.trainedModel ?? (request.modelDir !== undefined ? await loadModel(request.modelDir) : undefined);
  const all = request.pricesFile !== undefined ? undefined : request.prices;
  // The universe: a trained model's symbols, else those asked for, else every column.
  const wanted = trained?.symbols ?? request.symbols;
  const positions = (syms: readonly string[]) => ({ name: 'synthetic', file: request.pricesFile ?? 'prices', positions: syms.map((symbol) => ({ symbol, quantity: 1, origin: {} })) });
  const universe: readonly string[] = wanted ?? (all !== undefined ? all.symbols : await peekSymbols(request.pricesFile as string));
  const prices = await pricesOf({ ...(all !== undefined ? { prices: all } : {}), ...(request.pricesFile !== undefined ? { pricesFile: request.pricesFile } : {}), ...(request.returnsKind !== undefined ? { returnsKind: request.returnsKind } : {}), missing }, positions(universe), { quantitiesAllowed: true });
  const table = request.lookback !== undefined ? sliceDates(prices.table, { last: request.lookback + 1 }) : prices.table;
  const model = trained ?? (await (factory as NonNullable<typeof factory>).fit(toLogReturns(table, { minObservations: factory!.minObservations(request.modelParams ?? {}) }), request.modelParams ?? {}, { seed }));
  log.info('fit', `${trained ? 'loaded' : 'fitted'} ${model.name} (${model.id})`, { model: model.name, modelId: model.id });
  const plan = await planFocus(
    model,
    { ...(request.state !== undefined ? { stressState: request.state } : {}), ...(request.regime !== undefined ? { regime: request.regime } : {}), pricesLabel: prices.label, modelPrices: prices.modelPrices, horizon: request.horizon, confidence: [0.99] },
    new Float64Array(model.symbols.length),
    prices.universe,
    log,
  );
  const state = (plan.stressed ?? plan.baseline)?.state;
  const last = lastPrices(prices.table);
  // The model's symbols in the order of the model; their last real prices.
  const col = model.symbols.map((s) => prices.table.symbols.indexOf(s));
  const p0 = Float64Array.from(col, (c) => last.prices[c]);
  const dates = businessDaysAfter(last.date, request.horizon);
  const A = model.symbols.length;
  const H = request.horizon;
  for await (const chunk of pathChunks(model, {
    nPaths: request.paths,
    horizon: H,
    seed,
    chunkSize: request.chunkPaths ?? 1024,
    ...(state !== undefined ? { state } : {}),
    onProgress: (done, total) => log.progress('synthetic paths', done, total),
  })) {
    const out = new Float64Array(chunk.values.length);
    const cum = new Float64Array(A);
    for (let p = 0; p < chunk.nPaths; p++) {
      cum.fill(0);
      for (let t = 0; t < H; t++) {
        const o = (p * H + t) * A;
        for (let a = 0; a < A; a++) {
          cum[a] += chunk.values[o + a];
          out[o + a] = p0[a] * Math.exp(cum[a]);
        }
      }
    }
    yield { symbols: model.symbols, dates, firstPath: chunk.firstPath, nPaths: chunk.nPaths, prices: out, start: { date: last.date, prices: p0 } };
  }
}
