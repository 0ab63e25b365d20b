import { describeState, findTailShift, pathChunks, tailFocusedChunks, DEFAULT_DEFENSIVE, type ResolvedState, type StateDescription, type WeightedChunk } from '@tailforge/scenarios';
import { breachProbability, momentsOf, riskAtLevels, simulatePortfolio, weightedDrawdownSummary, type RiskAtLevel } from '@tailforge/risk';
import type { RunLog } from '../run-log.js';
import type { FocusPlan } from './scenario-focus.js';

/** The figures of one starting state, for the side-by-side table. */
export interface RegimeFigures {
  readonly kind: ResolvedState['kind'];
  readonly label: string;
  /** Last day of the returns the state was computed from. */
  readonly date: string;
  readonly quantile: number | null;
  readonly state: StateDescription;
  readonly risk: readonly RiskAtLevel[];
  readonly pnlMean: number;
  readonly pnlSd: number;
  readonly maxDrawdownMean: number;
  readonly maxDrawdownP99: number;
  /** P(max drawdown ≥ the run's drawdown limit). */
  readonly breachProbability: number;
}

export interface StressedRegimeOutcome {
  readonly baseline: RegimeFigures;
  readonly stressed: RegimeFigures;
  readonly drawdownLimit: number;
  /** Paths of each set; both use the run's seed, so they share their random numbers (the difference is the state's). */
  readonly paths: number;
  readonly tailFocused: boolean;
}

interface SetFigures {
  readonly pnl: Float64Array;
  readonly maxDrawdown: Float64Array;
  readonly weights?: Float64Array;
}

function figures(s: ResolvedState, state: StateDescription, set: SetFigures, levels: readonly number[], limit: number): RegimeFigures {
  const m = momentsOf(set.pnl, set.weights);
  const dd = weightedDrawdownSummary(set.maxDrawdown, set.weights);
  return {
    kind: s.kind,
    label: s.label,
    date: s.date,
    quantile: s.quantile ?? null,
    state,
    risk: riskAtLevels(set.pnl, [...levels], set.weights),
    pnlMean: m.mean,
    pnlSd: m.sd,
    maxDrawdownMean: dd.mean,
    maxDrawdownP99: dd.p99,
    breachProbability: breachProbability(set.maxDrawdown, limit, set.weights),
  };
}

/**
 * The stressed side of the run: the same number of paths, the same seed,
 * from the stressed state (tail-focused again when the run is, with a shift
 * found at the stressed state), valued chunk by chunk so only per-path P&L
 * and drawdowns are kept; then both states' figures.
 */
export async function runStressedRegime(
  plan: FocusPlan,
  run: {
    readonly paths: number;
    readonly horizon: number;
    readonly seed: number;
    readonly confidence: readonly number[];
    readonly drawdownLimit: number;
    readonly exposures: Float64Array;
    readonly drawdownBase?: number;
    readonly baseline: SetFigures;
  },
  log: RunLog,
): Promise<StressedRegimeOutcome | undefined> {
  const { cgan: model, baseline, stressed } = plan;
  if (!model || !baseline || !stressed) return undefined;
  const N = run.paths;
  const pnl = new Float64Array(N), maxDrawdown = new Float64Array(N);
  const weights = plan.tail ? new Float64Array(N) : undefined;
  const options = {
    nPaths: N,
    horizon: run.horizon,
    seed: run.seed,
    state: stressed.state,
    onProgress: (done: number, total: number) => log.progress('stressed paths', done, total),
  };
  const chunks = plan.tail
    ? tailFocusedChunks(model, options, {
        latentMean: (await findTailShift(model, { state: stressed.state, exposures: run.exposures, horizon: run.horizon, confidence: plan.tail.confidence })).latentMean,
        defensive: plan.tail.focus.defensive ?? DEFAULT_DEFENSIVE,
      })
    : pathChunks(model, options);
  for await (const c of chunks) {
    const s = simulatePortfolio({ values: c.values, nPaths: c.nPaths, horizon: run.horizon, nAssets: model.symbols.length }, run.exposures, { drawdownBase: run.drawdownBase });
    pnl.set(s.pnl, c.firstPath);
    maxDrawdown.set(s.maxDrawdown, c.firstPath);
    if (weights && 'weights' in c) weights.set((c as WeightedChunk).weights, c.firstPath);
  }
  const stressedSet = { pnl, maxDrawdown, ...(weights ? { weights } : {}) };
  return {
    baseline: figures(baseline, describeState(model, baseline.state), run.baseline, run.confidence, run.drawdownLimit),
    stressed: figures(stressed, describeState(model, stressed.state), stressedSet, run.confidence, run.drawdownLimit),
    drawdownLimit: run.drawdownLimit,
    paths: N,
    tailFocused: plan.tail !== undefined,
  };
}
