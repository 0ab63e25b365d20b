// Streaming drawdown bookkeeping shared by `drawdownStats` and
// `simulatePortfolio({ drawdownDetail: true })`: values arrive one step at a
// time and nothing is stored per step. Internal: not exported from index.ts.
//
// State, in a caller-owned Float64Array(6) so the hot loop allocates nothing:
const PEAK = 0; // running peak value
const PEAK_T = 1; // latest step at which the running peak was attained
const MDD = 2; // maximum drawdown so far, fraction of the peak
const MDD_PEAK_T = 3; // PEAK_T at the time of the max-drawdown trough
const TROUGH_T = 4; // step of the max-drawdown trough
const RECOVERY_T = 5; // first step >= trough regaining that peak; -1 while not regained

/** Size of the state array. */
export const TRACKER_STATE_SIZE = 6;

/** Starts a path at value v0 (step 0). */
export function trackerStart(state: Float64Array, v0: number): void {
  state[PEAK] = v0;
  state[PEAK_T] = 0;
  state[MDD] = 0;
  state[MDD_PEAK_T] = 0;
  state[TROUGH_T] = 0;
  state[RECOVERY_T] = 0; // no drawdown yet counts as recovered at once
}

/**
 * Feeds the value v at step t; the drawdown is (peak − v) / peak, or
 * (peak − v) / scale when a fixed scale is given (drawdowns of a cumulative
 * P&L against a stated base). While the max-drawdown episode is unrecovered
 * the running peak is that episode's peak (nothing above it has been seen), so
 * the first v >= running peak is its recovery.
 */
export function trackerStep(state: Float64Array, t: number, v: number, scale?: number): void {
  const peak = state[PEAK];
  if (v >= peak) {
    if (state[RECOVERY_T] < 0) state[RECOVERY_T] = t;
    state[PEAK] = v;
    state[PEAK_T] = t;
  } else {
    const dd = (peak - v) / (scale ?? peak);
    if (dd > state[MDD]) {
      state[MDD] = dd;
      state[MDD_PEAK_T] = state[PEAK_T];
      state[TROUGH_T] = t;
      state[RECOVERY_T] = -1;
    }
  }
}

/** Writes path p's statistics; lastT is the index of the path's last value. */
export function trackerFinish(
  state: Float64Array,
  lastT: number,
  p: number,
  out: { maxDrawdown: Float64Array; drawdownDuration: Float64Array; timeToRecovery: Float64Array; recovered: Uint8Array },
): void {
  const recoveryT = state[RECOVERY_T];
  const recovered = recoveryT >= 0;
  out.maxDrawdown[p] = state[MDD];
  out.drawdownDuration[p] = (recovered ? recoveryT : lastT) - state[MDD_PEAK_T];
  out.timeToRecovery[p] = recovered ? recoveryT - state[TROUGH_T] : NaN;
  out.recovered[p] = recovered ? 1 : 0;
}

/** Marks path p as undefined (first value <= 0): NaN statistics, not recovered. */
export function trackerUndefined(
  p: number,
  out: { maxDrawdown: Float64Array; drawdownDuration: Float64Array; timeToRecovery: Float64Array; recovered: Uint8Array },
): void {
  out.maxDrawdown[p] = NaN;
  out.drawdownDuration[p] = NaN;
  out.timeToRecovery[p] = NaN;
  out.recovered[p] = 0;
}
