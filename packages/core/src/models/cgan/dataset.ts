import type { HeavyTailParams } from './heavy-tail.js';
import { toGaussian } from './heavy-tail.js';
import { stateFromRows, stateSize } from './state-features.js';

/**
 * Training and validation windows. Window i starts on day starts[i]; its
 * values are the H × A Gaussianised returns of days starts[i] .. starts[i]+H−1,
 * its state the state as of the day before (standardised with the training
 * states' mean and std). Raw returns of the windows are kept for validation
 * statistics in return units.
 */
export interface WindowData {
  readonly n: number;
  readonly starts: Int32Array;
  /** n × H × A, Gaussianised. */
  readonly u: Float32Array;
  /** n × H × A log returns. */
  readonly returns: Float32Array;
  /** n × S standardised states. */
  readonly states: Float32Array;
}

export interface StateScaler {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/** Raw (natural-unit) states of windows starting at `starts`: the state as of day start − 1. */
export function rawStates(returns: Float64Array, nAssets: number, starts: Int32Array, stateWindow: number): Float64Array {
  const S = stateSize(nAssets);
  const out = new Float64Array(starts.length * S);
  for (let i = 0; i < starts.length; i++) stateFromRows(returns, nAssets, starts[i], stateWindow, out, i * S);
  return out;
}

/** Per-feature mean and std of raw states (std 1 for a constant feature). */
export function fitStateScaler(raw: Float64Array, stateDim: number): StateScaler {
  const n = raw.length / stateDim;
  const mean = new Float64Array(stateDim), std = new Float64Array(stateDim);
  for (let i = 0; i < n; i++) for (let j = 0; j < stateDim; j++) mean[j] += raw[i * stateDim + j];
  for (let j = 0; j < stateDim; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < stateDim; j++) std[j] += (raw[i * stateDim + j] - mean[j]) ** 2;
  for (let j = 0; j < stateDim; j++) {
    const s = Math.sqrt(std[j] / Math.max(1, n - 1));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

/** (raw − mean) / std, row by row, as float32. */
export function scaleStates(raw: ArrayLike<number>, scaler: StateScaler, out: Float32Array = new Float32Array(raw.length), offset = 0): Float32Array {
  const S = scaler.mean.length;
  for (let i = 0; i < raw.length; i++) {
    const j = i % S;
    out[offset + i] = (raw[i] - scaler.mean[j]) / scaler.std[j];
  }
  return out;
}

/** Builds the windows starting at `starts` from T × A returns. */
export function buildWindows(
  returns: Float64Array,
  nAssets: number,
  starts: Int32Array,
  window: number,
  stateWindow: number,
  ht: HeavyTailParams,
  scaler: StateScaler,
): WindowData {
  const A = nAssets, H = window, n = starts.length;
  const stride = H * A;
  const rets = new Float32Array(n * stride);
  for (let i = 0; i < n; i++) rets.set(returns.subarray(starts[i] * A, (starts[i] + H) * A), i * stride);
  const u = new Float32Array(n * stride);
  toGaussian(rets, n * H, A, ht, u);
  return { n, starts, u, returns: rets, states: scaleStates(rawStates(returns, A, starts, stateWindow), scaler) };
}

/** start, start+1, ..., end (inclusive). */
export function range(start: number, end: number): Int32Array {
  const out = new Int32Array(Math.max(0, end - start + 1));
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}
