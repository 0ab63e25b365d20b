import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../random/rng.js';
import { scaleStates, type StateScaler } from './dataset.js';
import { fromGaussian, type HeavyTailParams } from './heavy-tail.js';
import { latentSize, type Generator } from './networks.js';
import { stateFromRows, stateSize } from './state-features.js';

/**
 * Rolling generation. Path p draws its latent vectors from
 * Rng.forStream(seed, firstPath + p) only: window k's latent is the k-th
 * block of latentSize standard normals of that stream (z, then ε by day; see
 * networks.ts). The generator runs on
 * batches of BATCH rows aligned on the absolute path index (rows
 * ⌊i/BATCH⌋·BATCH ..), so a path always sits in the same row of a same-sized
 * batch and chunked generation equals one-shot generation bit for bit.
 *
 * A path longer than one window rolls: the next window's state is computed
 * from the last stateWindow generated days of the path (stateWindow ≤ H, so
 * only generated days are needed).
 */

export const BATCH = 256;

export interface GeneratorParts {
  readonly generator: Generator;
  readonly heavyTail: HeavyTailParams;
  readonly scaler: StateScaler;
  readonly stateWindow: number;
}

export interface RollRequest {
  readonly nPaths: number;
  readonly horizon: number;
  readonly seed: number;
  readonly firstPath: number;
  /** Raw initial states: one state shared by all paths (S values) or one per path (nPaths × S). */
  readonly initialStates: Float64Array;
  /** Mean of the latent vectors (importance sampling); 0 when absent. */
  readonly latentMean?: Float64Array;
}

export interface RollResult {
  /** nPaths × horizon × A log returns. */
  readonly values: Float32Array;
  /**
   * With a latent mean μ: per path, log of the likelihood ratio of the
   * standard normal to the shifted one at the drawn latents z,
   * Σ_windows (−μ·z + |μ|²/2), so that E_shifted[exp(logWeight)·f] = E[f].
   */
  readonly logWeights?: Float64Array;
}

export function rollPaths(parts: GeneratorParts, req: RollRequest): RollResult {
  const { generator, heavyTail, scaler, stateWindow } = parts;
  const { window: H, nAssets: A } = generator.config;
  const L = latentSize(generator.config);
  const S = stateSize(A);
  const { nPaths, horizon, seed, firstPath, initialStates, latentMean } = req;
  const shared = initialStates.length === S;
  if (!shared && initialStates.length !== nPaths * S) throw new RangeError(`initialStates must hold ${S} or ${nPaths} × ${S} values`);
  if (latentMean !== undefined && latentMean.length !== L) throw new RangeError(`latentMean must hold ${L} values`);
  const muNorm2 = latentMean === undefined ? 0 : latentMean.reduce((s, v) => s + v * v, 0);

  const out = new Float32Array(nPaths * horizon * A);
  const logWeights = latentMean === undefined ? undefined : new Float64Array(nPaths);
  const nWindows = Math.ceil(horizon / H);
  const z = new Float32Array(BATCH * L);
  const s = new Float32Array(BATCH * S);
  const windowReturns = new Float32Array(BATCH * H * A);
  const raw = new Float64Array(S);
  const end = firstPath + nPaths;

  for (let blockStart = Math.floor(firstPath / BATCH) * BATCH; blockStart < end; blockStart += BATCH) {
    const lo = Math.max(firstPath, blockStart), hi = Math.min(end, blockStart + BATCH);
    const rngs: (Rng | undefined)[] = [];
    s.fill(0);
    for (let row = 0; row < BATCH; row++) {
      const i = blockStart + row;
      if (i < lo || i >= hi) {
        rngs.push(undefined);
        continue;
      }
      rngs.push(Rng.forStream(seed, i));
      const p = i - firstPath;
      scaleStates(shared ? initialStates : initialStates.subarray(p * S, (p + 1) * S), scaler, s, row * S);
    }
    for (let w = 0; w < nWindows; w++) {
      z.fill(0);
      for (let row = 0; row < BATCH; row++) {
        const rng = rngs[row];
        if (rng === undefined) continue;
        let dot = 0;
        for (let j = 0; j < L; j++) {
          const v = rng.normal() + (latentMean === undefined ? 0 : latentMean[j]);
          z[row * L + j] = v;
          if (latentMean !== undefined) dot += latentMean[j] * v;
        }
        if (logWeights !== undefined) logWeights[blockStart + row - firstPath] += -dot + muNorm2 / 2;
      }
      const uT = tf.tidy(() => generator.apply(tf.tensor2d(z, [BATCH, L]), tf.tensor2d(s, [BATCH, S])));
      const u = uT.dataSync() as Float32Array;
      fromGaussian(u, BATCH * H, A, heavyTail, windowReturns);
      uT.dispose();
      const days = Math.min(H, horizon - w * H);
      for (let i = lo; i < hi; i++) {
        const row = i - blockStart;
        const p = i - firstPath;
        const src = row * H * A;
        out.set(windowReturns.subarray(src, src + days * A), (p * horizon + w * H) * A);
        if (w + 1 < nWindows) {
          stateFromRows(windowReturns.subarray(src, src + H * A), A, H, stateWindow, raw);
          scaleStates(raw, scaler, s, row * S);
        }
      }
    }
  }
  return logWeights === undefined ? { values: out } : { values: out, logWeights };
}
