import type { ReturnsMatrix } from '@tailforge/core';
import { InputError } from '@tailforge/core';
import {
  replayWindows,
  shockMatrix,
  shockPaths,
  windowStartsAt,
  worstWindows,
  type PathSet,
  type ShockScenario,
} from '@tailforge/scenarios';
import { riskAtLevels, simulatePortfolio, type PathCube, type RiskAtLevel } from '@tailforge/risk';
import type { Valuation } from './valuation.js';

/** Which historical windows to replay: the k worst for the portfolio, windows starting on given dates, or none. */
export type ReplaySpec = { readonly worst: number } | { readonly dates: readonly string[] } | 'none';

/** One stress scenario's outcome for the portfolio. */
export interface StressOutcome {
  readonly kind: 'historical' | 'hypothetical';
  readonly name: string;
  readonly description?: string;
  /** Historical window (first and last return date). */
  readonly from?: string;
  readonly to?: string;
  /** Hypothetical: `alone` (the shock is the path) or `on-paths` (added to every model path). */
  readonly apply?: 'alone' | 'on-paths';
  /** P&L at the horizon: the path's for a single path; the (weighted) mean over the paths for on-paths shocks. */
  readonly pnl: number;
  /** Maximum drawdown along the path; the mean over the paths for on-paths shocks. */
  readonly maxDrawdown: number;
  /** VaR / ES of the shocked distribution (on-paths shocks only). */
  readonly risk?: readonly RiskAtLevel[];
}

export interface StressInputs {
  readonly replay: ReplaySpec;
  /** Hypothetical scenarios, read beforehand so a bad file fails before any work (see readScenarioFile). */
  readonly scenarios?: { readonly file: string; readonly list: readonly ShockScenario[]; readonly universe: readonly string[] };
  readonly horizon: number;
  readonly confidence: readonly number[];
  /** History and the exposures aligned with its symbols (for replays and stand-alone shocks). */
  readonly returns: ReturnsMatrix;
  readonly returnExposures: Float64Array;
  /** Model paths and the exposures aligned with them (for on-paths shocks); absent when the paths were streamed. */
  readonly modelPaths?: PathSet;
  readonly modelExposures: Float64Array;
  /** Drawdowns on the P&L against this base (see `simulatePortfolio`); value-relative when undefined. */
  readonly drawdownBase?: number;
  /** A book that is not linear in the returns (options, FX, futures): valued by it, exposures used only to rank windows. */
  readonly valuation?: Pick<Valuation, 'kind' | 'simulate' | 'simulateHistory'>;
}

/**
 * The stress scenarios of a run: historical replays (default: the 5 worst
 * non-overlapping windows of the horizon's length for this portfolio) and
 * the hypothetical shocks of a scenario file.
 */
export function evaluateStress(x: StressInputs): StressOutcome[] {
  const out: StressOutcome[] = [];
  const H = x.horizon;
  const dd = { drawdownBase: x.drawdownBase };
  const book = x.valuation?.kind === 'book' ? x.valuation : undefined;
  const onHistory = (cube: PathCube, volShift = 0) => (book ? book.simulateHistory(cube, dd, volShift) : simulatePortfolio(cube, x.returnExposures, dd));
  if (x.replay !== 'none' && x.returns.dates.length >= H) {
    const starts = 'worst' in x.replay ? worstWindows(x.returns, x.returnExposures, H, x.replay.worst) : windowStartsAt(x.returns, H, x.replay.dates);
    const { windows } = replayWindows(x.returns, H, starts);
    const A = x.returns.symbols.length;
    for (const w of windows) {
      // The history's own float64 rows, so a replay's P&L is exact.
      const values = x.returns.values.subarray(w.start * A, (w.start + H) * A);
      const sim = onHistory({ values, nPaths: 1, horizon: H, nAssets: A });
      out.push({ kind: 'historical', name: `${w.from} to ${w.to}`, from: w.from, to: w.to, pnl: sim.pnl[0], maxDrawdown: sim.maxDrawdown[0] });
    }
  }
  if (x.scenarios !== undefined) {
    const file = x.scenarios.file;
    for (const s of x.scenarios.list) {
      const base = { kind: 'hypothetical' as const, name: s.name, ...(s.description ? { description: s.description } : {}), apply: s.apply };
      if (s.apply === 'alone') {
        // In double precision (the matrix, not a float32 path), so the shock's P&L is exact.
        const values = shockMatrix(s, x.returns.symbols, H, file, x.scenarios.universe);
        const sim = onHistory({ values, nPaths: 1, horizon: H, nAssets: x.returns.symbols.length }, s.vol ?? 0);
        out.push({ ...base, pnl: sim.pnl[0], maxDrawdown: sim.maxDrawdown[0] });
      } else {
        if (x.modelPaths === undefined) {
          throw new InputError(`scenario "${s.name}" applies on the model paths, which a --path-store run does not keep in memory; drop --path-store or use apply: alone`, { file });
        }
        const shocked = shockPaths(x.modelPaths, s, file, x.scenarios.universe);
        const sim = book ? book.simulate(shocked, dd, s.vol ?? 0) : simulatePortfolio(shocked, x.modelExposures, dd);
        const w = shocked.weights;
        out.push({ ...base, pnl: weightedMean(sim.pnl, w), maxDrawdown: weightedMean(sim.maxDrawdown, w), risk: riskAtLevels(sim.pnl, [...x.confidence], w) });
      }
    }
  }
  return out;
}

function weightedMean(v: Float64Array, w?: Float64Array): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < v.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * v[i];
    ws += wi;
  }
  return s / ws;
}
