import { TRACKER_STATE_SIZE, trackerFinish, trackerStart, trackerStep, trackerUndefined } from '../drawdown-tracker.js';
import type { BookInstrument, BookSimulation, DrawdownStats, OptionInstrument, PathCube, SimulateBookOptions } from '../types.js';
import { checkCount } from '../validate.js';
import { bsmDelta } from './bsm-delta.js';
import { bsmGamma } from './bsm-gamma.js';
import { bsmPrice } from './bsm-price.js';
import { bsmVega } from './bsm-vega.js';
import { deltaGammaVegaPnl } from './delta-gamma-vega-pnl.js';

/**
 * Revalues a book of instruments — linear positions, futures, cash, European
 * options — in several currencies along every path of a log-return cube
 * whose columns are the underlyings and the FX rates.
 *
 * With m_t[c] = exp(Σ_{s<=t} r[p,s,c]) and the FX factor of an instrument
 * x_t = fxRate · m_t[fx] (or fxRate / m_t[fx] with `fxInverse`; fxRate when
 * it has no FX column), its value in the base currency after step t is
 *
 *   linear   value · m_t[asset] · x_t
 *   future   notional · (m_t[asset] − 1) · x_t
 *   cash     amount · x_t
 *   option   units · bsmPrice(spot · m_t[asset], strike, max(expiry − t·Δ, 0), rate, q, σ_t) · x_t
 *
 * (Δ = `stepYears`; σ_t the option's implied volatility by its `volRule`
 * plus `volShift` after today, floored at 0). The book is V_t = Σ of them;
 * per path the P&L is V_H − V_0 (gains positive), the P&L at the listed
 * `horizons`, each instrument's horizon P&L (`positionPnl`, nPaths ×
 * nInstruments, rows sum to the P&L) and the maximum drawdown — of V_t as a
 * fraction of its running peak, or of the cumulative P&L over `drawdownBase`
 * (as `simulatePortfolio`, whose figures a book of linear instruments
 * without FX reproduces).
 *
 * @param paths log-return cube, layout values[(p · horizon + t) · nAssets + c]
 * @param instruments the book; columns index the cube's assets
 * @param options see `SimulateBookOptions`
 * @throws {RangeError} on inconsistent dimensions or columns, or invalid instrument fields
 * @example
 * // A call on asset 0 (spot 100, strike 100, 1 year, 20% vol), one path up 10% in one step:
 * const paths = { values: Float64Array.of(Math.log(1.1)), nPaths: 1, horizon: 1, nAssets: 1 };
 * simulateBook(paths, [{ kind: 'option', asset: 0, optionType: 'call', units: 1, spot: 100, strike: 100, expiry: 1, rate: 0, volatility: 0.2 }]).pnl;
 * // => [bsmPrice(110, 100, 1 − 1/252, 0, 0.2) − bsmPrice(100, 100, 1, 0, 0.2)] ≈ [6.43]
 */
export function simulateBook(paths: PathCube, instruments: readonly BookInstrument[], options: SimulateBookOptions = {}): BookSimulation {
  const { values, nPaths, horizon, nAssets } = paths;
  checkCount(nPaths, 'paths.nPaths');
  checkCount(horizon, 'paths.horizon');
  checkCount(nAssets, 'paths.nAssets');
  if (values.length !== nPaths * horizon * nAssets) {
    throw new RangeError(`paths.values has length ${values.length}, expected nPaths × horizon × nAssets = ${nPaths * horizon * nAssets}`);
  }
  const stepYears = options.stepYears ?? 1 / 252;
  if (!(Number.isFinite(stepYears) && stepYears >= 0)) throw new RangeError(`stepYears must be a finite number >= 0, got ${String(stepYears)}`);
  const n = instruments.length;
  const fxCol = new Int32Array(n).fill(-1);
  const fxInv = new Uint8Array(n);
  const fxRate = new Float64Array(n);
  const value0 = new Float64Array(n);
  instruments.forEach((ins, i) => {
    const col = (c: number | undefined, what: string): number => {
      if (c === undefined || c === -1) return -1;
      if (!Number.isSafeInteger(c) || c < 0 || c >= nAssets) throw new RangeError(`instruments[${i}].${what} must be a column in [0, ${nAssets}), got ${String(c)}`);
      return c;
    };
    fxCol[i] = col(ins.fx, 'fx');
    fxInv[i] = ins.fxInverse === true ? 1 : 0;
    const rate = ins.fxRate ?? 1;
    if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`instruments[${i}].fxRate must be a finite number > 0, got ${String(rate)}`);
    fxRate[i] = rate;
    const finite = (v: number, what: string) => {
      if (!Number.isFinite(v)) throw new RangeError(`instruments[${i}].${what} must be a finite number, got ${String(v)}`);
    };
    if (ins.kind === 'cash') {
      finite(ins.amount, 'amount');
      value0[i] = ins.amount * rate;
      return;
    }
    if (col(ins.asset, 'asset') < 0) throw new RangeError(`instruments[${i}].asset is required for a ${ins.kind}`);
    if (ins.kind === 'linear') {
      finite(ins.value, 'value');
      value0[i] = ins.value * rate;
    } else if (ins.kind === 'future') {
      finite(ins.notional, 'notional');
      value0[i] = 0;
    } else if (ins.kind === 'option') {
      finite(ins.units, 'units');
      if (ins.volRule === 'realised' && !(Number.isFinite(ins.referenceVol) && (ins.referenceVol as number) > 0)) {
        throw new RangeError(`instruments[${i}].referenceVol must be a finite number > 0 with volRule 'realised', got ${String(ins.referenceVol)}`);
      }
      finite(ins.volShift ?? 0, 'volShift');
      value0[i] = ins.units * bsmPrice(optionAt(ins, ins.spot, 0, ins.volatility)) * rate;
    } else {
      throw new RangeError(`instruments[${i}].kind must be linear, future, cash or option, got ${String((ins as { kind: unknown }).kind)}`);
    }
  });
  let initialValue = 0;
  for (let i = 0; i < n; i++) initialValue += value0[i];

  const slotAtStep = new Int32Array(horizon + 1).fill(-1);
  const pnlByHorizon: Float64Array[] = [];
  options.horizons?.forEach((h, k) => {
    if (!Number.isSafeInteger(h) || h < 1 || h > horizon) throw new RangeError(`horizons[${k}] must be an integer in [1, ${horizon}], got ${String(h)}`);
    if (slotAtStep[h] >= 0) throw new RangeError(`horizons[${k}] = ${h} is listed twice`);
    slotAtStep[h] = k;
    pnlByHorizon.push(new Float64Array(nPaths));
  });
  const base = options.drawdownBase;
  if (base !== undefined && !(Number.isFinite(base) && base > 0)) throw new RangeError(`drawdownBase must be a finite number > 0, got ${String(base)}`);
  const onPnl = base !== undefined;
  const ddOffset = onPnl ? initialValue : 0;
  const drawdownDefined = onPnl || initialValue > 0;

  const pnl = new Float64Array(nPaths);
  const maxDrawdown = new Float64Array(nPaths);
  const stride = horizon + 1;
  const valuePaths = options.keepValuePaths === true ? new Float64Array(nPaths * stride) : undefined;
  const positionPnl = options.keepPositionPnl === true ? new Float64Array(nPaths * n) : undefined;
  const approximatePnl = options.approximation === true ? new Float64Array(nPaths) : undefined;
  let detail: DrawdownStats | undefined;
  if (options.drawdownDetail === true) {
    detail = { maxDrawdown, drawdownDuration: new Float64Array(nPaths), timeToRecovery: new Float64Array(nPaths), recovered: new Uint8Array(nPaths) };
  }
  // Greeks at the horizon's time to expiry, today's spot and volatility, for the approximation.
  const approx = approximatePnl !== undefined ? instruments.map((ins) => (ins.kind === 'option' ? horizonGreeks(ins, horizon * stepYears) : undefined)) : [];

  const tracker = new Float64Array(TRACKER_STATE_SIZE);
  const cum = new Float64Array(nAssets); // Σ r per column
  // Per column, the EWMA variance of the path's returns started at its reference (realised volatility rule);
  // columns without a reference (no option on them with that rule) keep 0 and are never read.
  const refVar = new Float64Array(nAssets);
  for (const ins of instruments) if (ins.kind === 'option' && ins.volRule === 'realised') refVar[ins.asset] = (ins.referenceVol as number) ** 2;
  const ewmaVar = new Float64Array(nAssets);
  const instValue = new Float64Array(n);
  let offset = 0;
  for (let p = 0; p < nPaths; p++) {
    cum.fill(0);
    ewmaVar.set(refVar);
    let v = initialValue;
    let peak = initialValue - ddOffset;
    let mdd = 0;
    if (valuePaths !== undefined) valuePaths[p * stride] = initialValue;
    if (detail !== undefined) trackerStart(tracker, initialValue - ddOffset);
    for (let t = 1; t <= horizon; t++) {
      for (let c = 0; c < nAssets; c++) {
        const r = values[offset + c];
        cum[c] += r;
        ewmaVar[c] = REALISED_LAMBDA * ewmaVar[c] + (1 - REALISED_LAMBDA) * r * r;
      }
      offset += nAssets;
      v = 0;
      for (let i = 0; i < n; i++) {
        const ins = instruments[i];
        const fc = fxCol[i];
        const x = fc < 0 ? fxRate[i] : fxRate[i] * Math.exp(fxInv[i] === 1 ? -cum[fc] : cum[fc]);
        let local: number;
        if (ins.kind === 'linear') local = ins.value * Math.exp(cum[ins.asset]);
        else if (ins.kind === 'future') local = ins.notional * Math.expm1(cum[ins.asset]);
        else if (ins.kind === 'cash') local = ins.amount;
        else local = ins.units * bsmPrice(optionAt(ins, ins.spot * Math.exp(cum[ins.asset]), t * stepYears, volAt(ins, ewmaVar[ins.asset])));
        instValue[i] = local * x;
        v += instValue[i];
      }
      const y = v - ddOffset;
      if (y > peak) peak = y;
      else {
        const dd = (peak - y) / (onPnl ? (base as number) : peak);
        if (dd > mdd) mdd = dd;
      }
      if (valuePaths !== undefined) valuePaths[p * stride + t] = v;
      const slot = slotAtStep[t];
      if (slot >= 0) pnlByHorizon[slot][p] = v - initialValue;
      if (detail !== undefined) trackerStep(tracker, t, y, base);
    }
    pnl[p] = v - initialValue;
    maxDrawdown[p] = drawdownDefined ? mdd : NaN;
    if (positionPnl !== undefined) for (let i = 0; i < n; i++) positionPnl[p * n + i] = instValue[i] - value0[i] + 0;
    if (approximatePnl !== undefined) {
      let a = 0;
      for (let i = 0; i < n; i++) {
        const g = approx[i];
        const ins = instruments[i];
        if (g === undefined || ins.kind !== 'option') {
          a += instValue[i] - value0[i];
          continue;
        }
        const fc = fxCol[i];
        const x = fc < 0 ? fxRate[i] : fxRate[i] * Math.exp(fxInv[i] === 1 ? -cum[fc] : cum[fc]);
        const dS = ins.spot * Math.expm1(cum[ins.asset]);
        const dVol = volAt(ins, ewmaVar[ins.asset]) - ins.volatility;
        const local = g.price + deltaGammaVegaPnl(g.delta, g.gamma, g.vega, dS, dVol);
        a += ins.units * local * x - value0[i];
      }
      approximatePnl[p] = a;
    }
    if (detail !== undefined) {
      if (drawdownDefined) trackerFinish(tracker, horizon, p, detail);
      else trackerUndefined(p, detail);
    }
  }
  const result: BookSimulation = { initialValue, pnl, maxDrawdown };
  if (valuePaths !== undefined) result.valuePaths = valuePaths;
  if (options.horizons !== undefined) result.pnlByHorizon = pnlByHorizon;
  if (positionPnl !== undefined) result.positionPnl = positionPnl;
  if (detail !== undefined) result.drawdownDetail = detail;
  if (approximatePnl !== undefined) result.approximatePnl = approximatePnl;
  return result;
}

/** The option's BSM inputs at spot S, `elapsed` years after today, with implied volatility σ. */
function optionAt(ins: OptionInstrument, spot: number, elapsed: number, volatility: number) {
  return {
    type: ins.optionType,
    spot,
    strike: ins.strike,
    expiry: Math.max(ins.expiry - elapsed, 0),
    rate: ins.rate,
    dividendYield: ins.dividendYield ?? 0,
    volatility,
  };
}

/** Decay of the EWMA variance of the `realised` volatility rule (RiskMetrics' daily 0.94). */
export const REALISED_LAMBDA = 0.94;

/** σ_t by the option's rule (ewmaVar: the underlying's EWMA variance after step t), plus its shift after today, floored at 0. */
function volAt(ins: OptionInstrument, ewmaVar: number): number {
  const held = ins.volRule === 'realised' ? (ins.volatility * Math.sqrt(ewmaVar)) / (ins.referenceVol as number) : ins.volatility;
  return Math.max(held + (ins.volShift ?? 0), 0);
}

/** Price and greeks per unit at today's spot and volatility, `elapsed` years on. */
function horizonGreeks(ins: OptionInstrument, elapsed: number) {
  const o = optionAt(ins, ins.spot, elapsed, ins.volatility);
  // price: the option's value at the horizon with nothing moved (today's price plus its exact time decay)
  return { price: bsmPrice(o), delta: bsmDelta(o), gamma: bsmGamma(o), vega: bsmVega(o) };
}
