import { encodeState, features, type StateScaler } from './conditioning.js';
import { stateSize } from './state-features.js';
import { toU, type Margins } from './tails.js';

/**
 * Training windows. Window i starts on day starts[i]; its values are the
 * H × A innovations of days starts[i] .. starts[i]+H−1 mapped to u by the
 * margins (tails.ts), its state the state as of the day before, as the
 * generator sees it (conditioning.ts).
 */
export interface WindowData {
  readonly n: number;
  readonly starts: Int32Array;
  /** n × H × A in the generator's space. */
  readonly u: Float32Array;
  /** n × S standardised state features. */
  readonly states: Float32Array;
}

/** Unstandardised features of the states before each start (`states` holds every day's state: row t = state as of day t). */
export function rawFeatures(states: Float64Array, starts: Int32Array, logLongRunVol: Float64Array, projection?: Float64Array): Float64Array {
  const S = stateSize(logLongRunVol.length);
  const F = projection === undefined ? S : projection.length / logLongRunVol.length + 2;
  const out = new Float64Array(starts.length * F);
  for (let i = 0; i < starts.length; i++) features(states.subarray((starts[i] - 1) * S, starts[i] * S), logLongRunVol, out, i * F, projection);
  return out;
}

/** Encoded (standardised, shrunk onto the support) states before each start. */
export function encodedStates(states: Float64Array, starts: Int32Array, logLongRunVol: Float64Array, scaler: StateScaler): Float32Array {
  const S = stateSize(logLongRunVol.length), F = scaler.mean.length;
  const out = new Float32Array(starts.length * F);
  for (let i = 0; i < starts.length; i++) encodeState(states.subarray((starts[i] - 1) * S, starts[i] * S), logLongRunVol, scaler, out, i * F);
  return out;
}

/** Builds the windows starting at `starts` from T × A innovations z. */
export function buildWindows(z: Float64Array, A: number, starts: Int32Array, H: number, margins: Margins, states: Float64Array, logLongRunVol: Float64Array, scaler: StateScaler): WindowData {
  const n = starts.length, stride = H * A;
  const u = new Float32Array(n * stride);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < H; t++) for (let a = 0; a < A; a++) u[i * stride + t * A + a] = toU(z[(starts[i] + t) * A + a], margins, a);
  }
  return { n, starts, u, states: encodedStates(states, starts, logLongRunVol, scaler) };
}
