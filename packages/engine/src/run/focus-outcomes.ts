import { weightDiagnostics, type WeightDiagnostics } from '@tailforge/scenarios';
import { Rng } from '@tailforge/core';
import { pairBootstrapErrors, type RiskWithError } from '@tailforge/risk';
import type { RunLog } from '../run-log.js';
import type { FocusConfig } from './focus-config.js';
import { runReverseStress, type ReverseStressOutcome } from './reverse-stress-run.js';
import { tailFocusInfo, type FocusPlan } from './scenario-focus.js';
import { runStressedRegime, type StressedRegimeOutcome } from './stressed-regime.js';

/** What the focus options added to a run. */
export interface FocusOutcome {
  /** Label of the state the paths started from (a cgan's latest state of the prices), when the model has states. */
  readonly startState?: string;
  readonly tailFocus?: NonNullable<ReturnType<typeof tailFocusInfo>> & { readonly weights: WeightDiagnostics; readonly errorMethod: string };
  /** Errors of the headline VaR / ES that replace the run's when the paths are tail-focused (see pairBootstrapErrors). */
  readonly errors?: readonly RiskWithError[];
  readonly stressedRegime?: StressedRegimeOutcome;
  readonly reverseStress?: ReverseStressOutcome;
}

/** Runs the stressed state and the reverse stress test, and the tail-focus diagnostics, after the run's main pass. */
export async function runFocus(
  plan: FocusPlan,
  config: FocusConfig & { readonly paths: number; readonly horizon: number; readonly seed: number; readonly confidence: readonly number[] },
  run: {
    readonly exposures: Float64Array;
    readonly initialValue: number;
    /** Drawdowns on the P&L against this base (see `riskBase`); value-relative when undefined. */
    readonly drawdownBase?: number;
    readonly pnl: Float64Array;
    readonly maxDrawdown: Float64Array;
    readonly weights?: Float64Array;
    readonly drawdownLimit: number;
  },
  log: RunLog,
): Promise<FocusOutcome | undefined> {
  if (!plan.cgan) return undefined;
  const weights = plan.tail ? run.weights : undefined;
  let tailFocus: FocusOutcome['tailFocus'];
  let errors: RiskWithError[] | undefined;
  if (plan.tail && weights) {
    const diag = weightDiagnostics(weights);
    tailFocus = { ...(tailFocusInfo(plan, config.paths) as NonNullable<ReturnType<typeof tailFocusInfo>>), weights: diag, errorMethod: 'pair bootstrap: 500 resamples of (P&L, weight) pairs' };
    errors = pairBootstrapErrors(run.pnl, weights, config.confidence, { random: Rng.forStream(config.seed, 0x7a11), resamples: 500, level: 0.9 });
    log.info('tail', `tail focus weights: mean ${diag.mean.toFixed(3)}, effective sample size ${diag.effectiveSampleSize.toFixed(0)} of ${weights.length}`, { ...diag });
  }
  const stressedRegime = await runStressedRegime(
    plan,
    {
      paths: config.paths,
      horizon: config.horizon,
      seed: config.seed,
      confidence: config.confidence,
      drawdownLimit: run.drawdownLimit,
      exposures: run.exposures,
      drawdownBase: run.drawdownBase,
      baseline: { pnl: run.pnl, maxDrawdown: run.maxDrawdown, ...(weights ? { weights } : {}) },
    },
    log,
  );
  const reverseStress = config.reverseStress
    ? await runReverseStress(plan, { spec: config.reverseStress, horizon: config.horizon, exposures: run.exposures, initialValue: run.initialValue, pnl: run.pnl, ...(weights ? { weights } : {}) }, log)
    : undefined;
  const startState = plan.baseline?.label ?? `the model's stored state (${plan.cgan.defaultState.label ?? 'end of training'})`;
  return {
    startState,
    ...(tailFocus ? { tailFocus } : {}),
    ...(errors ? { errors } : {}),
    ...(stressedRegime ? { stressedRegime } : {}),
    ...(reverseStress ? { reverseStress } : {}),
  };
}
