import * as tf from '@tensorflow/tfjs';
import { Rng, mix32 } from '../../random/rng.js';
import { latentSize, type Generator } from './networks.js';
import type { DriftCorrection } from './sampler.js';
import { fromURows, type Margins } from './tails.js';

/**
 * The generator's conditional first and second moments of each asset's
 * innovations over a window as linear functions of the standardised state
 * features, fitted by ridge least squares (λ = 1e-3) on `reps` generated
 * windows per training state: m_a(s) ≈ b_a + Σ_j s_j·W[j, a] (window mean of
 * z) and q_a = b2_a, the mean of z² over all training states (W2 = 0). The sampler
 * standardises with them, z̃ = (z − m)/√max(q − m², ¼) (drift `historical`,
 * `zero`) or m + (z − m)/√… (drift `model`): the GARCH recursion assumes
 * innovations of conditional variance 1, and a generator that inflates them
 * in high-volatility states would make the recursion explosive on long
 * paths (α·E z² + γ·E z²1[z<0] + β > 1). Shape — skew, tails, dependence — is
 * left to the GAN.
 */
export function fitDriftCorrection(gen: Generator, margins: Margins, states: Float32Array, reps: number, seed: number): DriftCorrection {
  const { stateDim: S, window: H, nAssets: A } = gen.config;
  const L = latentSize(gen.config);
  const nStates = states.length / S;
  const n = nStates * reps;
  const P = S + 1;
  const xtx = new Float64Array(P * P), xty = new Float64Array(P * A), xty2 = new Float64Array(P * A);
  const rng = new Rng(mix32(seed, 0xd71f));
  const CH = 512;
  const x = new Float64Array(P);
  const zr = new Float64Array(H * A);
  for (let start = 0; start < n; start += CH) {
    const m = Math.min(CH, n - start);
    const zb = new Float32Array(m * L), sb = new Float32Array(m * S);
    for (let i = 0; i < zb.length; i++) zb[i] = rng.normal();
    for (let r = 0; r < m; r++) sb.set(states.subarray(((start + r) % nStates) * S, ((start + r) % nStates + 1) * S), r * S);
    const uT = tf.tidy(() => gen.apply(tf.tensor2d(zb, [m, L]), tf.tensor2d(sb, [m, S])));
    const u = uT.dataSync() as Float32Array;
    uT.dispose();
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < S; j++) x[j] = sb[r * S + j];
      x[S] = 1;
      for (let i = 0; i < P; i++) for (let j = 0; j <= i; j++) xtx[i * P + j] += x[i] * x[j];
      fromURows(u, r * H * A, H, margins, zr);
      for (let a = 0; a < A; a++) {
        let y = 0, y2 = 0;
        for (let t = 0; t < H; t++) {
          const v = zr[t * A + a];
          y += v;
          y2 += v * v;
        }
        y /= H;
        y2 /= H;
        for (let i = 0; i < P; i++) {
          xty[i * A + a] += x[i] * y;
          xty2[i * A + a] += x[i] * y2;
        }
      }
    }
  }
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < i; j++) xtx[j * P + i] = xtx[i * P + j];
    xtx[i * P + i] += 1e-3 * n;
  }
  const beta = solveSpd(xtx, xty, P, A);
  // Second moment: the average over training states only (W2 = 0). A state-dependent fit extrapolates badly to the
  // states of rolled paths; an underestimate there inflates innovations, and the GARCH recursion explodes.
  const b2 = Float64Array.from({ length: A }, (_, a) => xty2[S * A + a] / n);
  return { w: beta.slice(0, S * A), b: beta.slice(S * A, P * A), w2: new Float64Array(S * A), b2 };
}

/** Solves M·X = B for symmetric positive-definite M (P × P) and B (P × k), by Cholesky. */
function solveSpd(m: Float64Array, b: Float64Array, P: number, k: number): Float64Array {
  const l = new Float64Array(P * P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * P + j];
      for (let q = 0; q < j; q++) s -= l[i * P + q] * l[j * P + q];
      l[i * P + j] = i === j ? Math.sqrt(s) : s / l[j * P + j];
    }
  }
  const out = new Float64Array(P * k);
  const y = new Float64Array(P);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < P; i++) {
      let s = b[i * k + c];
      for (let q = 0; q < i; q++) s -= l[i * P + q] * y[q];
      y[i] = s / l[i * P + i];
    }
    for (let i = P - 1; i >= 0; i--) {
      let s = y[i];
      for (let q = i + 1; q < P; q++) s -= l[q * P + i] * out[q * k + c];
      out[i * k + c] = s / l[i * P + i];
    }
  }
  return out;
}
