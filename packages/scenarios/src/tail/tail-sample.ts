import { InputError, ModelError, Rng, type CganModel } from '@tailforge/core';
import { checkRequest, type GenerateOptions } from '../generate.js';
import type { PathSet } from '../path-set.js';

/**
 * Tail-focused sampling in a cgan's latent space with exact likelihood-ratio
 * weights.
 *
 * Draws. Paths are allocated in units of UNIT consecutive path indices; in a
 * unit of u paths the last round(β·u) are drawn as usual (latent N(0, I):
 * the "defensive" share β) and the others with every window's latent
 * N(μ, I). Path i always uses the model's random stream (seed, i), so a
 * path's latent noise ε is the same whether it is shifted or not.
 *
 * Weights. With ℓ(Z) = Σ_windows (−μ·Z_w + |μ|²/2) the log ratio of the
 * standard normal density to the shifted one at the path's latents Z, the
 * paths are a deterministic mixture of n₀ plain and n₁ shifted draws
 * (β̂ = n₀/N), and path i gets the exact likelihood ratio of the target to
 * that mixture,
 *
 *   w_i = φ(Z_i) / (β̂·φ(Z_i) + (1 − β̂)·φ_μ(Z_i)) = 1 / (β̂ + (1 − β̂)·exp(−ℓ(Z_i))),
 *
 * so (1/N)·Σ w_i f(path_i) is an unbiased estimate of E[f] (Owen & Zhou
 * 2000) and E[w] = 1. With β = 0 this is w = exp(ℓ) = exp(−μ·z + |μ|²/2)
 * per window. The weights are returned UNNORMALISED (their mean is near 1);
 * @tailforge/risk normalises them by their sum (the self-normalised
 * estimator). Why the defensive share: the plain ratio exp(ℓ) has variance
 * exp(k|μ|²) − 1 (about 4,000 for |μ| = 2.9), carried by shifted draws far
 * from the tail, and its sum is then too noisy to normalise by (measured on
 * the example: self-normalised ES 99.5% worse than plain Monte Carlo); with
 * β > 0 every weight is below 1/β̂ and the sum is stable.
 *
 * The plain paths' ℓ is recomputed from their streams (the sampler's
 * documented layout: window w's latent is the w-th block of L standard
 * normals of stream (seed, i)); the shifted paths' ℓ comes from the sampler.
 */

/** Paths per allocation unit: each unit of UNIT paths has its own defensive share (so any chunk is representative). */
export const TAIL_UNIT = 4096;

export interface TailFocus {
  /** μ ∈ R^L (see findTailShift). */
  readonly latentMean: Float64Array;
  /** Share of paths drawn without the shift, in [0, 1). Default 0.2. */
  readonly defensive?: number;
}

/** A block of consecutive tail-focused paths with their weights. */
export interface WeightedChunk {
  readonly firstPath: number;
  readonly nPaths: number;
  readonly values: Float32Array;
  /** Unnormalised likelihood ratios (see the file comment). */
  readonly weights: Float64Array;
  /** ℓ per path: log φ(Z)/φ_μ(Z). */
  readonly logRatios: Float64Array;
  /** 1 for a path drawn without the shift. */
  readonly plain: Uint8Array;
}

export const DEFAULT_DEFENSIVE = 0.2;

/** Plain (unshifted) paths among unit [u0, u0 + u): the last round(β·u). */
function plainInUnit(u: number, beta: number): number {
  return Math.round(beta * u);
}

/** Number of plain paths among nPaths (n₀ of the mixture). */
export function plainPathCount(nPaths: number, defensive: number): number {
  let n0 = 0;
  for (let u0 = 0; u0 < nPaths; u0 += TAIL_UNIT) n0 += plainInUnit(Math.min(TAIL_UNIT, nPaths - u0), defensive);
  return n0;
}

function checkFocus(model: CganModel, focus: TailFocus): number {
  const beta = focus.defensive ?? DEFAULT_DEFENSIVE;
  if (!(beta >= 0 && beta < 1)) throw new InputError(`defensive share must be in [0, 1), got ${beta}`);
  const mu = focus.latentMean;
  if (mu.length !== model.latentSize || !mu.every(Number.isFinite)) {
    throw new InputError(`latent mean must hold ${model.latentSize} finite values, got ${mu.length}`);
  }
  return beta;
}

/** Recomputes ℓ(Z) for a plain path i from its stream: Σ_w (−μ·ε_w + |μ|²/2). */
function plainLogRatio(seed: number, path: number, mu: Float64Array, windows: number, muNorm2: number): number {
  const rng = Rng.forStream(seed, path);
  let l = 0;
  for (let w = 0; w < windows; w++) {
    let d = 0;
    for (let j = 0; j < mu.length; j++) d += mu[j] * rng.normal();
    l += -d + muNorm2 / 2;
  }
  return l;
}

/**
 * Streams tail-focused paths unit by unit (TAIL_UNIT paths at most per chunk,
 * whatever options.chunkSize): same checks as pathChunks, and the same paths
 * and weights however they are consumed.
 */
export async function* tailFocusedChunks(model: CganModel, options: GenerateOptions, focus: TailFocus): AsyncGenerator<WeightedChunk> {
  checkRequest(model, options);
  const beta = checkFocus(model, focus);
  const { nPaths: N, horizon, seed, state, onProgress } = options;
  const A = model.symbols.length;
  const mu = focus.latentMean;
  const muNorm2 = mu.reduce((s, v) => s + v * v, 0);
  const windows = Math.ceil(horizon / model.window);
  const betaHat = plainPathCount(N, beta) / N;
  for (let u0 = 0; u0 < N; u0 += TAIL_UNIT) {
    const u = Math.min(TAIL_UNIT, N - u0);
    const n0 = plainInUnit(u, beta);
    const n1 = u - n0;
    const values = new Float32Array(u * horizon * A);
    const logRatios = new Float64Array(u);
    const plain = new Uint8Array(u);
    if (n1 > 0) {
      const r = model.sampleWithLatent({ nPaths: n1, horizon, seed, firstPath: u0, state }, { latentMean: mu });
      values.set(r.values, 0);
      logRatios.set(r.logWeights as Float64Array, 0);
    }
    if (n0 > 0) {
      const r = model.sampleWithLatent({ nPaths: n0, horizon, seed, firstPath: u0 + n1, state });
      values.set(r.values, n1 * horizon * A);
      for (let i = 0; i < n0; i++) {
        logRatios[n1 + i] = plainLogRatio(seed, u0 + n1 + i, mu, windows, muNorm2);
        plain[n1 + i] = 1;
      }
    }
    checkFinite(model, values, u0, horizon);
    const weights = new Float64Array(u);
    for (let i = 0; i < u; i++) weights[i] = beta === 0 ? Math.exp(logRatios[i]) : 1 / (betaHat + (1 - betaHat) * Math.exp(-logRatios[i]));
    yield { firstPath: u0, nPaths: u, values, weights, logRatios, plain };
    onProgress?.(u0 + u, N);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** All tail-focused paths in one PathSet, weights included (see {@link tailFocusedChunks}). */
export async function generateTailFocused(model: CganModel, options: GenerateOptions, focus: TailFocus): Promise<PathSet> {
  const { nPaths, horizon, seed, state } = options;
  checkRequest(model, options);
  const per = horizon * model.symbols.length;
  const values = new Float32Array(nPaths * per);
  const weights = new Float64Array(nPaths);
  for await (const c of tailFocusedChunks(model, options, focus)) {
    values.set(c.values, c.firstPath * per);
    weights.set(c.weights, c.firstPath);
  }
  return {
    values,
    nPaths,
    horizon,
    nAssets: model.symbols.length,
    symbols: [...model.symbols],
    weights,
    modelId: model.id,
    modelName: model.name,
    seed,
    ...(state?.label !== undefined ? { state: state.label } : {}),
  };
}

function checkFinite(model: CganModel, v: Float32Array, firstPath: number, horizon: number): void {
  const A = model.symbols.length;
  for (let i = 0; i < v.length; i++) {
    if (v[i] - v[i] !== 0) {
      const path = firstPath + Math.floor(i / (horizon * A));
      throw new ModelError(`model ${model.name} produced a non-finite return (${v[i]}) on path ${path}, day ${Math.floor((i % (horizon * A)) / A)}, asset ${model.symbols[i % A]}`);
    }
  }
}

/** How well-behaved a set of importance weights is. */
export interface WeightDiagnostics {
  /** Mean of the unnormalised weights; 1 in expectation. */
  readonly mean: number;
  /** Kish effective sample size (Σw)² / Σw². */
  readonly effectiveSampleSize: number;
  /** effectiveSampleSize / N. */
  readonly effectiveFraction: number;
  readonly min: number;
  readonly max: number;
  /** Largest normalised weight max w / Σw: one path's share of the estimate. */
  readonly maxShare: number;
}

/** Mean, Kish effective sample size ESS = (Σ w)² / Σ w², extremes and the largest share of weights. */
export function weightDiagnostics(weights: ArrayLike<number>): WeightDiagnostics {
  const n = weights.length;
  if (n === 0) throw new RangeError('no weights');
  let s = 0, s2 = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    s += w;
    s2 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const ess = (s * s) / s2;
  return { mean: s / n, effectiveSampleSize: ess, effectiveFraction: ess / n, min, max, maxShare: max / s };
}
