import { InputError } from '@tailforge/core';
import type { PathSet } from '../path-set.js';
import type { ShockScenario } from './scenario-file.js';

/**
 * A scenario's moves as additive log returns, horizon × nAssets row-major:
 * a move of simple return R over n days starting on day d adds ln(1 + R)/n
 * to each of days d..d+n−1, so the asset's price ends the move exactly at
 * (1 + R) times where it would otherwise be. Moves on the same asset add up
 * in log space (they compound).
 */
export function shockMatrix(s: ShockScenario, symbols: readonly string[], horizon: number, file?: string, universe?: readonly string[]): Float64Array {
  const A = symbols.length;
  const m = new Float64Array(horizon * A);
  s.shocks.forEach((move, j) => {
    const last = move.day + move.days - 1;
    if (last > horizon) {
      throw new InputError(`the move ends on day ${last}, after the ${horizon}-day horizon`, { file, column: `scenario "${s.name}" shocks[${j}]` });
    }
    const step = Math.log1p(move.return) / move.days;
    for (const sym of move.symbols) {
      const a = symbols.indexOf(sym);
      // A known symbol the portfolio does not hold moves nothing it owns; an unknown one is a typo.
      if (a < 0 && universe?.includes(sym)) continue;
      if (a < 0) {
        throw new InputError(`symbol "${sym}" is not in the portfolio (it holds ${symbols.join(', ')})`, { file, column: `scenario "${s.name}" shocks[${j}]` });
      }
      for (let t = move.day - 1; t < last; t++) m[t * A + a] += step;
    }
  });
  return m;
}

/** The shock alone: one path whose returns are the shock and nothing else. */
export function shockOnlyPath(s: ShockScenario, symbols: readonly string[], horizon: number, file?: string, universe?: readonly string[]): PathSet {
  return {
    values: Float32Array.from(shockMatrix(s, symbols, horizon, file, universe)),
    nPaths: 1,
    horizon,
    nAssets: symbols.length,
    symbols: [...symbols],
    modelId: `shock:${s.name}`,
    modelName: 'shock',
    seed: 0,
    state: s.name,
  };
}

/** Model paths with the shock added to every path (weights kept): the distribution under the shock. */
export function shockPaths(paths: PathSet, s: ShockScenario, file?: string, universe?: readonly string[]): PathSet {
  const m = shockMatrix(s, paths.symbols, paths.horizon, file, universe);
  const per = m.length;
  const values = new Float32Array(paths.values.length);
  for (let p = 0; p < paths.nPaths; p++) {
    const off = p * per;
    for (let i = 0; i < per; i++) values[off + i] = paths.values[off + i] + m[i];
  }
  return { ...paths, values, state: s.name };
}

/** Checks every symbol a scenario file names against the known universe, before any work is done. */
export function checkScenarioSymbols(list: readonly ShockScenario[], universe: readonly string[], file?: string): void {
  for (const s of list) {
    s.shocks.forEach((move, j) => {
      for (const sym of move.symbols) {
        if (!universe.includes(sym)) {
          throw new InputError(`unknown symbol "${sym}" (not in the prices)`, { file, column: `scenario "${s.name}" shocks[${j}]` });
        }
      }
    });
  }
}
