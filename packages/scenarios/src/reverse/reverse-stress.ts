import { InputError, type CganModel, type ConditioningState } from '@tailforge/core';
import { latentObjective } from '../tail/latent-objective.js';
import { dot, maximiseOnSphere } from '../tail/sphere-ascent.js';

export interface ReverseStressOptions {
  readonly state: ConditioningState;
  /** Market value per model symbol (model.symbols order). */
  readonly exposures: Float64Array;
  readonly horizon: number;
  /** The loss L to reach, in money (positive). */
  readonly loss: number;
  /** Sphere maximisations at most (default 40). */
  readonly maxIterations?: number;
  /** Largest latent norm searched before giving up (default 40: a density ratio of e^−800). */
  readonly maxNorm?: number;
}

export interface ReverseStressResult {
  /** The latent point z* (k windows × L values: each window's z, then ε by day). */
  readonly latent: Float64Array;
  /** |z*|: the Mahalanobis distance of the scenario from the typical path z = 0 (the latent is N(0, I)). */
  readonly norm: number;
  /** Norm of the window-wide parts (the "mood": volatility regime) and of the daily noise parts. */
  readonly moodNorm: number;
  readonly noiseNorm: number;
  /** ln φ(z*) − ln φ(0) = −|z*|²/2: how much less likely than the typical path, as a log density ratio. */
  readonly logDensityRatio: number;
  /** Loss (money) of the path at z* (≥ the target when `converged`) and of the typical path z = 0. */
  readonly loss: number;
  readonly target: number;
  readonly lossAtZero: number;
  /** Log returns of the scenario path and of the typical path, horizon × A ([t·A + a]). */
  readonly returns: Float32Array;
  readonly typicalReturns: Float32Array;
  readonly windows: number;
  /** Latent values that move the path (k·latentDim + horizon·A): the dimension of the search. */
  readonly activeDimension: number;
  /** Sphere maximisations done. */
  readonly iterations: number;
  /** cos(z*, ∇loss(z*)): 1 at a point of least norm on the loss surface (first-order optimality). */
  readonly alignment: number;
  readonly converged: boolean;
}


/**
 * Reverse stress test: the most plausible path of the model that loses at
 * least L,
 *
 *   z* = argmin |z|²  subject to  loss(G(z)) ≥ L,
 *
 * over the latent of the whole path (untied across windows), where the
 * latent is N(0, I) so that smaller |z| means a likelier scenario. With
 * M(ρ) = max_{|z| = ρ} loss(G(z)), the largest loss at latent norm ρ, the
 * answer lies at ρ* = min{ρ : M(ρ) ≥ L}: the search alternates
 *
 * - M(ρ) by projected gradient ascent on the sphere |z| = ρ
 *   ({@link maximiseOnSphere}, warm-started from the previous direction), and
 * - ρ by bracketing then false position (kept inside the middle 60% of the
 *   bracket) on M(ρ) − L,
 *
 * until the bracket is within 0.2% of ρ or M(ρ) − L ≤ 1e-3·L, and returns
 * the feasible end of the bracket (loss ≥ L). Monotone steps make it robust
 * on the generator's piecewise-linear surface, where Newton-type iterations
 * such as HL-RF zig-zag. At the answer z* is parallel to ∇loss (reported as
 * `alignment`). The loss is the portfolio's over the horizon (positive =
 * loss), gradients by TF.js through the generator; M is found by local
 * ascent, so z* is a local answer (the search starts in the direction of
 * steepest loss at z = 0).
 *
 * When the typical path already loses L, z* = 0. InputError when L is not
 * positive, or cannot be reached within `maxNorm` (e.g. a long-only book
 * cannot lose more than its value).
 */
export async function reverseStress(model: CganModel, options: ReverseStressOptions): Promise<ReverseStressResult> {
  const { exposures, horizon } = options;
  const target = options.loss;
  if (!(target > 0 && Number.isFinite(target))) throw new InputError(`reverse stress loss must be a positive amount, got ${target}`);
  const v0 = exposures.reduce((s, v) => s + v, 0);
  if (exposures.every((e) => e >= 0) && target >= v0) {
    throw new InputError(`a long-only portfolio worth ${v0.toFixed(2)} cannot lose ${target.toFixed(2)}: ask for less than its value`);
  }
  const maxNorm = options.maxNorm ?? 40;
  const obj = await latentObjective(model, { state: options.state, exposures, horizon, tied: false });
  const Lt = target / obj.scale;
  const zero = new Float64Array(obj.dim);
  const atZero = obj.valueAndGrad(zero);
  const activeDimension = obj.windows * (model.latentSize - model.window * model.symbols.length) + horizon * model.symbols.length;
  const finish = (z: Float64Array, value: number, iterations: number, alignment: number, converged: boolean): ReverseStressResult => {
    const norms = splitNorms(model, z, obj.windows);
    const norm = Math.sqrt(dot(z, z));
    return {
      latent: z,
      norm,
      moodNorm: norms.mood,
      noiseNorm: norms.noise,
      logDensityRatio: -0.5 * norm * norm,
      loss: value * obj.scale,
      target,
      lossAtZero: atZero.value * obj.scale,
      returns: obj.returns(z),
      typicalReturns: obj.returns(zero),
      windows: obj.windows,
      activeDimension,
      iterations,
      alignment,
      converged,
    };
  };
  if (atZero.value >= Lt) return finish(zero, atZero.value, 0, 1, true);

  const g0 = atZero.grad;
  const g0n = Math.sqrt(dot(g0, g0));
  if (!(g0n > 0)) throw new InputError('the portfolio loss does not change with the model\'s latent: no scenario reaches the loss');
  const maxIterations = options.maxIterations ?? 40;
  let iterations = 0;
  let dir: Float64Array = g0;
  const at = (rho: number) => {
    const m = maximiseOnSphere(obj, rho, dir, { maxIterations: 25, tolerance: 1e-4 });
    dir = m.z;
    iterations++;
    return m;
  };
  const unreachable = (reached: number) =>
    new InputError(
      `no scenario of the model within latent norm ${maxNorm} loses ${target.toFixed(2)} over ${horizon} days (the largest loss found is ${(reached * obj.scale).toFixed(2)}): ask for a smaller loss`,
    );
  // Bracket: lo infeasible (M(lo) < L), hi feasible; start from the linear estimate ρ ≈ (L − ℓ(0)) / |∇ℓ(0)|.
  let lo = 0, mLo = atZero.value;
  let hi = Math.min(maxNorm, Math.max(1e-3, (Lt - atZero.value) / g0n));
  let best = at(hi);
  while (best.value < Lt) {
    if (hi >= maxNorm) throw unreachable(best.value);
    lo = hi;
    mLo = best.value;
    hi = Math.min(maxNorm, hi * 1.5);
    best = at(hi);
  }
  let mHi = best.value;
  const done = () => hi - lo <= 2e-3 * hi || mHi - Lt <= 1e-3 * Lt;
  while (iterations < maxIterations && !done()) {
    // False position, kept within the middle 60% of the bracket so that it shrinks by at least 20% a step.
    const w = hi - lo;
    const secant = lo + (w * (Lt - mLo)) / (mHi - mLo);
    const rho = Math.min(hi - 0.2 * w, Math.max(lo + 0.2 * w, Number.isFinite(secant) ? secant : lo + w / 2));
    const m = at(rho);
    if (m.value >= Lt) {
      hi = rho;
      mHi = m.value;
      best = m;
    } else {
      lo = rho;
      mLo = m.value;
    }
  }
  const converged = done();
  return finish(best.z, best.value, iterations, best.alignment, converged);
}

/** Norms of the window-wide latent parts (first latentDim values of each window) and of the daily noise. */
function splitNorms(model: CganModel, z: Float64Array, windows: number): { mood: number; noise: number } {
  const L = model.latentSize;
  const d = L - model.window * model.symbols.length;
  let mood = 0, noise = 0;
  for (let w = 0; w < windows; w++) {
    for (let j = 0; j < L; j++) {
      const v = z[w * L + j];
      if (j < d) mood += v * v;
      else noise += v * v;
    }
  }
  return { mood: Math.sqrt(mood), noise: Math.sqrt(noise) };
}
