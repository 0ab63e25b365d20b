import { TRACKER_STATE_SIZE, trackerFinish, trackerStart, trackerStep, trackerUndefined } from './drawdown-tracker.js';
import type { DrawdownStats, PathCube, PortfolioSimulation, SimulatePortfolioOptions } from './types.js';
import { checkCount } from './validate.js';

/**
 * Revalues a static portfolio along every path of a log-return cube.
 *
 * exposures[a] is today's market value of the position in asset a (quantity ×
 * last price; negative for a short). Along path p the position is worth
 * exposures[a] · exp(Σ_{s<=t} r[p,s,a]) after step t, and the portfolio
 *
 *   V_0 = Σ_a exposures[a],   V_t = Σ_a exposures[a] · exp(Σ_{s<=t} r[p,s,a])
 *
 * Per path it returns the P&L V_H − V_0 (H = horizon, gains positive) and the
 * maximum drawdown of V_0..V_H as defined in `maxDrawdown` (fraction of the
 * running peak). When V_0 <= 0 a relative drawdown is undefined and every
 * maxDrawdown entry is NaN; the P&L is still valid. With `drawdownBase` B the
 * drawdown is measured on the P&L instead, defined for any V_0:
 *
 *   maxDrawdown = max_t (max_{s<=t} (V_s − V_0) − (V_t − V_0)) / B
 *
 * (peak minus trough of the cumulative P&L, over the base; durations and
 * recoveries as in `drawdownStats` on that P&L).
 *
 * Options, all filled in the same pass:
 * - horizons: P&L V_h − V_0 after h steps (1-based day count) for each listed
 *   h, returned as `pnlByHorizon` in the listed order.
 * - keepPositionPnl: `positionPnl[p · nAssets + a]` = exposures[a] ·
 *   (exp(Σ_t r[p,t,a]) − 1) at the horizon; each row sums to pnl[p] up to
 *   rounding (the total is accumulated as Σ e·m − V_0, not Σ e·(m − 1)).
 * - drawdownDetail: durations and recoveries of the max drawdown, defined as
 *   in `drawdownStats` over the steps 0..H.
 * - keepValuePaths: the nPaths × (horizon + 1) values V_0..V_H.
 *
 * One pass over the cube with per-asset running multipliers exp(Σ r) in a
 * scratch Float64Array; nothing is allocated per path. Returns are not
 * checked one by one: a NaN in the cube shows up as a NaN P&L, which
 * `valueAtRisk` and friends reject.
 *
 * @param paths log-return cube, layout values[(p · horizon + t) · nAssets + a]
 * @param exposures nAssets finite market values
 * @param options see above
 * @throws {RangeError} on inconsistent dimensions, non-finite exposures or invalid horizons
 * @example
 * const paths = { values: Float64Array.of(Math.log(1.1), Math.log(0.5)), nPaths: 1, horizon: 1, nAssets: 2 };
 * simulatePortfolio(paths, Float64Array.of(100, 50)).pnl; // => Float64Array [-15] (110 + 25 − 150)
 * simulatePortfolio(paths, Float64Array.of(100, 50), { keepPositionPnl: true }).positionPnl;
 * // => Float64Array [10, -25]
 */
export function simulatePortfolio(
  paths: PathCube,
  exposures: Float64Array,
  options: SimulatePortfolioOptions = {},
): PortfolioSimulation {
  const { values, nPaths, horizon, nAssets } = paths;
  checkCount(nPaths, 'paths.nPaths');
  checkCount(horizon, 'paths.horizon');
  checkCount(nAssets, 'paths.nAssets');
  if (values.length !== nPaths * horizon * nAssets) {
    throw new RangeError(
      `paths.values has length ${values.length}, expected nPaths × horizon × nAssets = ` +
        `${nPaths} × ${horizon} × ${nAssets} = ${nPaths * horizon * nAssets}`,
    );
  }
  if (exposures.length !== nAssets) {
    throw new RangeError(`exposures has length ${exposures.length}, expected one per asset (${nAssets})`);
  }
  let initialValue = 0;
  for (let a = 0; a < nAssets; a++) {
    if (!Number.isFinite(exposures[a])) {
      throw new RangeError(`exposures[${a}] must be a finite number, got ${exposures[a]}`);
    }
    initialValue += exposures[a];
  }

  // slotAtStep[t] = index into pnlByHorizon of the P&L recorded after step t, or -1.
  const requested = options.horizons;
  const slotAtStep = new Int32Array(horizon + 1).fill(-1);
  const pnlByHorizon: Float64Array[] = [];
  if (requested !== undefined) {
    requested.forEach((h, i) => {
      if (!Number.isSafeInteger(h) || h < 1 || h > horizon) {
        throw new RangeError(`horizons[${i}] must be an integer in [1, ${horizon}], got ${String(h)}`);
      }
      if (slotAtStep[h] >= 0) throw new RangeError(`horizons[${i}] = ${h} is listed twice`);
      slotAtStep[h] = i;
      pnlByHorizon.push(new Float64Array(nPaths));
    });
  }
  const anyHorizon = pnlByHorizon.length > 0;
  const base = options.drawdownBase;
  if (base !== undefined && !(Number.isFinite(base) && base > 0)) {
    throw new RangeError(`drawdownBase must be a finite number > 0, got ${String(base)}`);
  }
  const onPnl = base !== undefined;
  // On the P&L the values fed to the drawdown are V_t − V_0 (start 0); else V_t.
  const ddOffset = onPnl ? initialValue : 0;

  const pnl = new Float64Array(nPaths);
  const maxDrawdown = new Float64Array(nPaths);
  const keep = options.keepValuePaths === true;
  const stride = horizon + 1;
  const valuePaths = keep ? new Float64Array(nPaths * stride) : undefined;
  const positionPnl = options.keepPositionPnl === true ? new Float64Array(nPaths * nAssets) : undefined;
  let detail: DrawdownStats | undefined;
  if (options.drawdownDetail === true) {
    detail = {
      maxDrawdown,
      drawdownDuration: new Float64Array(nPaths),
      timeToRecovery: new Float64Array(nPaths),
      recovered: new Uint8Array(nPaths),
    };
  }
  const tracker = new Float64Array(TRACKER_STATE_SIZE);
  const multiplier = new Float64Array(nAssets);
  const drawdownDefined = onPnl || initialValue > 0;

  let offset = 0; // index of r[p, t, 0], advanced linearly through the cube
  for (let p = 0; p < nPaths; p++) {
    multiplier.fill(1);
    let v = initialValue;
    let peak = initialValue - ddOffset;
    let mdd = 0;
    if (valuePaths !== undefined) valuePaths[p * stride] = initialValue;
    if (detail !== undefined) trackerStart(tracker, initialValue - ddOffset);
    for (let t = 0; t < horizon; t++) {
      v = 0;
      for (let a = 0; a < nAssets; a++) {
        const m = multiplier[a] * Math.exp(values[offset + a]);
        multiplier[a] = m;
        v += exposures[a] * m;
      }
      offset += nAssets;
      const x = v - ddOffset;
      if (x > peak) {
        peak = x;
      } else {
        const dd = (peak - x) / (onPnl ? (base as number) : peak);
        if (dd > mdd) mdd = dd;
      }
      if (valuePaths !== undefined) valuePaths[p * stride + t + 1] = v;
      if (anyHorizon) {
        const slot = slotAtStep[t + 1];
        if (slot >= 0) pnlByHorizon[slot][p] = v - initialValue;
      }
      if (detail !== undefined) trackerStep(tracker, t + 1, x, base);
    }
    pnl[p] = v - initialValue;
    maxDrawdown[p] = drawdownDefined ? mdd : NaN;
    if (positionPnl !== undefined) {
      const row = p * nAssets;
      // + 0 turns the −0 of a zero exposure times a falling multiplier into 0.
      for (let a = 0; a < nAssets; a++) positionPnl[row + a] = exposures[a] * (multiplier[a] - 1) + 0;
    }
    if (detail !== undefined) {
      if (drawdownDefined) trackerFinish(tracker, horizon, p, detail);
      else trackerUndefined(p, detail);
    }
  }

  const result: PortfolioSimulation = { initialValue, pnl, maxDrawdown };
  if (valuePaths !== undefined) result.valuePaths = valuePaths;
  if (requested !== undefined) result.pnlByHorizon = pnlByHorizon;
  if (positionPnl !== undefined) result.positionPnl = positionPnl;
  if (detail !== undefined) result.drawdownDetail = detail;
  return result;
}
