import type { PathCube, PortfolioSimulation, SimulatePortfolioOptions } from './types.js';
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
 * Per path it returns the P&L V_H − V_0 (H = horizon) and the maximum
 * drawdown of V_0..V_H as defined in `maxDrawdown` (fraction of the running
 * peak). When V_0 <= 0 a relative drawdown is undefined and every maxDrawdown
 * entry is NaN; the P&L is still valid.
 *
 * One pass over the cube with per-asset running multipliers exp(Σ r) in a
 * scratch Float64Array; nothing is allocated per path. Returns are not
 * checked one by one: a NaN in the cube shows up as a NaN P&L, which
 * `valueAtRisk` and friends reject.
 *
 * @param paths log-return cube, layout values[(p · horizon + t) · nAssets + a]
 * @param exposures nAssets finite market values
 * @param options keepValuePaths: also return the nPaths × (horizon + 1) values V_0..V_H
 * @throws {RangeError} on inconsistent dimensions or non-finite exposures
 * @example
 * const paths = { values: Float64Array.of(Math.log(1.1), Math.log(0.5)), nPaths: 1, horizon: 1, nAssets: 2 };
 * simulatePortfolio(paths, Float64Array.of(100, 50)).pnl; // => Float64Array [-15] (110 + 25 − 150)
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

  const pnl = new Float64Array(nPaths);
  const maxDrawdown = new Float64Array(nPaths);
  const keep = options.keepValuePaths === true;
  const stride = horizon + 1;
  const valuePaths = keep ? new Float64Array(nPaths * stride) : undefined;
  const multiplier = new Float64Array(nAssets);
  const drawdownDefined = initialValue > 0;

  let offset = 0; // index of r[p, t, 0], advanced linearly through the cube
  for (let p = 0; p < nPaths; p++) {
    multiplier.fill(1);
    let v = initialValue;
    let peak = initialValue;
    let mdd = 0;
    if (valuePaths !== undefined) valuePaths[p * stride] = initialValue;
    for (let t = 0; t < horizon; t++) {
      v = 0;
      for (let a = 0; a < nAssets; a++) {
        const m = multiplier[a] * Math.exp(values[offset + a]);
        multiplier[a] = m;
        v += exposures[a] * m;
      }
      offset += nAssets;
      if (v > peak) {
        peak = v;
      } else {
        const dd = (peak - v) / peak;
        if (dd > mdd) mdd = dd;
      }
      if (valuePaths !== undefined) valuePaths[p * stride + t + 1] = v;
    }
    pnl[p] = v - initialValue;
    maxDrawdown[p] = drawdownDefined ? mdd : NaN;
  }

  const result: PortfolioSimulation = { initialValue, pnl, maxDrawdown };
  if (valuePaths !== undefined) result.valuePaths = valuePaths;
  return result;
}
