import { InputError } from '@tailforge/core';
import { reverseStress } from '@tailforge/scenarios';
import { erfc } from '@tailforge/risk';
import type { RunLog } from '../run-log.js';
import type { LossSpec } from './focus-config.js';
import type { FocusPlan } from './scenario-focus.js';

/** One asset of the reverse-stress scenario. */
export interface ReverseStressAsset {
  readonly symbol: string;
  readonly exposure: number;
  /** Simple return over the horizon, exp(Σ r) − 1, on the scenario path and on the typical path (latent 0). */
  readonly scenarioReturn: number;
  readonly typicalReturn: number;
  /** exposure × scenarioReturn. */
  readonly scenarioPnl: number;
}

export interface ReverseStressOutcome {
  /** The loss asked for, in money, and as given. */
  readonly target: number;
  readonly spec: LossSpec;
  readonly horizonDays: number;
  /** Label of the state the scenario starts from (the run's baseline). */
  readonly state: string;
  /** Loss of the scenario path (≥ target) and of the typical path (latent 0). */
  readonly loss: number;
  readonly lossAtZero: number;
  /** |z*|: Mahalanobis distance of the scenario's latent from the typical path's (the latent is N(0, I)). */
  readonly latentNorm: number;
  readonly moodNorm: number;
  readonly noiseNorm: number;
  /** ln φ(z*) − ln φ(0) = −|z*|²/2. */
  readonly logDensityRatio: number;
  /** First-order (FORM) approximation of P(loss ≥ target): Φ(−|z*|). */
  readonly formProbability: number;
  /** Share (weighted) of the run's paths that lose at least the target, and their number. */
  readonly simulatedProbability: number;
  readonly simulatedPaths: number;
  readonly activeDimension: number;
  readonly converged: boolean;
  readonly alignment: number;
  readonly iterations: number;
  /** Held positions, worst scenario P&L first. */
  readonly assets: readonly ReverseStressAsset[];
  /** Day by day (0..H): portfolio value on the scenario and typical paths, and each held asset's cumulative simple return on the scenario path. */
  readonly days: {
    readonly scenarioValue: readonly number[];
    readonly typicalValue: readonly number[];
    readonly assetReturns: Readonly<Record<string, readonly number[]>>;
  };
}

/**
 * The loss to reach in money: the amount, or the fraction times the value
 * V_0 = Σ exposures. InputError when a fraction is given for a book whose
 * value is not positive, or when a long-only book is asked to lose its
 * whole value or more (no path can).
 */
export function reverseStressTarget(spec: LossSpec, exposures: Float64Array): number {
  const v0 = exposures.reduce((s, v) => s + v, 0);
  if ('fraction' in spec && !(v0 > 0)) {
    throw new InputError(`--reverse-stress ${spec.fraction} is a fraction of the portfolio value, which is not positive (${v0.toFixed(2)}): give an amount of money`);
  }
  const target = 'fraction' in spec ? spec.fraction * v0 : spec.amount;
  if (exposures.every((e) => e >= 0) && target >= v0) {
    throw new InputError(`--reverse-stress: a long-only portfolio worth ${v0.toFixed(2)} cannot lose ${target.toFixed(2)}; ask for less than its value`);
  }
  return target;
}

/** Φ(−x) = erfc(x/√2)/2. */
const upperTail = (x: number): number => 0.5 * erfc(x / Math.SQRT2);

/**
 * Runs the reverse stress test at the plan's baseline state and describes
 * the scenario for the report: per held asset its return and P&L, the value
 * paths, and plausibility figures (latent norm, density ratio, FORM
 * probability, and the share of the run's own paths losing as much).
 */
export async function runReverseStress(
  plan: FocusPlan,
  run: {
    readonly spec: LossSpec;
    readonly horizon: number;
    readonly exposures: Float64Array;
    readonly initialValue: number;
    readonly pnl: Float64Array;
    readonly weights?: Float64Array;
  },
  log: RunLog,
): Promise<ReverseStressOutcome | undefined> {
  const model = plan.cgan;
  if (!model) return undefined;
  const { spec, horizon, exposures, initialValue: v0 } = run;
  const target = reverseStressTarget(spec, exposures);
  const state = plan.baseline?.state ?? model.defaultState;
  const t0 = performance.now();
  const r = await reverseStress(model, { state, exposures, horizon, loss: target });
  const A = model.symbols.length;
  let sw = 0, hit = 0, n = 0;
  for (let i = 0; i < run.pnl.length; i++) {
    const w = run.weights ? run.weights[i] : 1;
    sw += w;
    if (-run.pnl[i] >= target) {
      hit += w;
      n++;
    }
  }
  const valuePath = (ret: Float32Array): number[] => {
    const cum = new Float64Array(A);
    const out = [v0];
    for (let t = 0; t < horizon; t++) {
      let v = 0;
      for (let a = 0; a < A; a++) {
        cum[a] += ret[t * A + a];
        v += exposures[a] * Math.exp(cum[a]);
      }
      out.push(v);
    }
    return out;
  };
  const held = model.symbols.map((s, a) => ({ s, a })).filter(({ a }) => exposures[a] !== 0);
  const assetReturns: Record<string, number[]> = {};
  const assets = held.map(({ s, a }) => {
    let c = 0, c0 = 0;
    const daily = [0];
    for (let t = 0; t < horizon; t++) {
      c += r.returns[t * A + a];
      c0 += r.typicalReturns[t * A + a];
      daily.push(Math.expm1(c));
    }
    assetReturns[s] = daily;
    return { symbol: s, exposure: exposures[a], scenarioReturn: Math.expm1(c), typicalReturn: Math.expm1(c0), scenarioPnl: exposures[a] * Math.expm1(c) };
  });
  assets.sort((x, y) => x.scenarioPnl - y.scenarioPnl);
  log.info(
    'reverse-stress',
    `reverse stress: the likeliest path losing ${target.toFixed(0)} has latent norm ${r.norm.toFixed(2)} (FORM probability ${upperTail(r.norm).toExponential(2)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    { target, norm: r.norm, converged: r.converged },
  );
  return {
    target,
    spec,
    horizonDays: horizon,
    state: state.label ?? 'model default',
    loss: r.loss,
    lossAtZero: r.lossAtZero,
    latentNorm: r.norm,
    moodNorm: r.moodNorm,
    noiseNorm: r.noiseNorm,
    logDensityRatio: r.logDensityRatio,
    formProbability: upperTail(r.norm),
    simulatedProbability: sw > 0 ? hit / sw : 0,
    simulatedPaths: n,
    activeDimension: r.activeDimension,
    converged: r.converged,
    alignment: r.alignment,
    iterations: r.iterations,
    assets,
    days: { scenarioValue: valuePath(r.returns), typicalValue: valuePath(r.typicalReturns), assetReturns },
  };
}
