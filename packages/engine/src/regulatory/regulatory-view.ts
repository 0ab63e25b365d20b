import { InputError, type ConditioningState, type ModelFactory, type RawParams, type ReturnsMatrix, type ScenarioModel } from '@tailforge/core';
import { generatePaths } from '@tailforge/scenarios';
import { historicalPnl, reducedFactorSet, simulatePortfolio, stressedCalibrationES, stressedWindow, valueAtRisk } from '@tailforge/risk';
import type { Portfolio } from '../portfolio/portfolio.js';
import { DEFAULT_LIQUIDITY_HORIZON, REGULATORY, type RegulatorySettings } from './regulatory-settings.js';
import { historicalPositionPnl, type PositionPnl } from './position-pnl.js';
import { frtbES } from './frtb-es.js';

/** FRTB ES of one scenario basis: the current ES and the stressed calibration. */
export interface FrtbOutcome {
  /** `model`: the run's model (current) and the model refitted on the stressed period; `historical`: historical simulation on the current and stressed periods. */
  readonly basis: 'model' | 'historical';
  /** ES_F,C: the liquidity-horizon-adjusted 97.5% ES of the full factor set, current. */
  readonly es: number;
  readonly esByBucket: readonly number[];
  /** The reduced factor set R and how it was chosen. */
  readonly reducedFactors: { readonly symbols: readonly string[]; readonly chosenBy: 'user' | 'coverage'; readonly coverage: number; readonly threshold: number };
  /** ES_F,C · ES_R,S / ES_R,C (ratio floored at 1); null with `note` when an ES is not positive. */
  readonly stressed: {
    readonly esFullCurrent: number;
    readonly esReducedCurrent: number;
    readonly esReducedStressed: number;
    readonly ratio: number;
    readonly modelVariation: number;
    readonly coversVariation: boolean;
    readonly es: number;
  } | null;
  readonly note?: string;
}

/** What the regulatory view computed (figures are positive losses over 10 days, in the prices' currency). */
export interface RegulatoryOutcome {
  readonly windowDays: number;
  readonly horizonDays: number;
  /** The 250-day period with the largest historical-simulation loss measure for today's portfolio. */
  readonly stressedPeriod: { readonly from: string; readonly to: string; readonly measure: 'var' | 'es'; readonly confidence: number; readonly value: number; readonly windows: number };
  /** Today's 10-day 99% VaR: the run's model (current paths) and historical simulation on the last 250 days. */
  readonly var: { readonly model: number; readonly historical: number; readonly historicalFrom: string; readonly historicalTo: string };
  /** Stressed VaR: the model refitted on the stressed period only (null with a note when it cannot be), and historical simulation on it. */
  readonly svar: { readonly model: number | null; readonly historical: number; readonly note?: string };
  readonly liquidityHorizons: ReadonlyArray<{ readonly symbol: string; readonly days: number; readonly source: 'position' | 'default' }>;
  readonly frtb: FrtbOutcome;
  /** Paths per model scenario set (current and stressed) and their seed. */
  readonly paths: number;
  readonly seed: number;
  /** For the chart: the search's rolling measure, by the last day of each period, and today's positions valued over the history. */
  readonly series: { readonly rollingTo: readonly string[]; readonly rolling: Float64Array; readonly valueDates: readonly string[]; readonly value: Float64Array };
}

export interface RegulatoryInput {
  readonly settings: RegulatorySettings;
  readonly portfolio: Portfolio;
  /** The whole daily log-return history of the prices' symbols (not cut by --lookback). */
  readonly returns: ReturnsMatrix;
  /** Market value per symbol of `returns` (0 for symbols not held). */
  readonly exposures: Float64Array;
  /** The run's model, its symbols' exposures, and the factory to refit it (undefined for a saved model). */
  readonly model: ScenarioModel;
  readonly modelExposures: Float64Array;
  readonly factory?: ModelFactory;
  readonly modelParams: RawParams;
  readonly paths: number;
  readonly seed: number;
  /** The state the run's paths start from (a conditional model's latest state), for today's 10-day paths. */
  readonly currentState?: ConditioningState;
  /** The run's own scenarios when they are 10-day paths from the latest state (reused, not generated again). */
  readonly current?: { readonly pnl: Float64Array; readonly positionPnl: Float64Array; readonly weights?: Float64Array };
}

/**
 * The regulatory view of a run (Basel 2.5 stressed VaR, FRTB-style ES):
 *
 * 1. Stressed period: `stressedWindow` over the 10-day historical P&L of
 *    today's positions on the whole history (overlapping windows), 250-day
 *    periods, 99% VaR (or 97.5% ES).
 * 2. VaR today: 10-day 99% VaR of the run's model; historical simulation on
 *    the last 250 days. Stressed VaR: the same with the model refitted on the
 *    stressed period's 250 returns only (same paths count and seed), and
 *    historical simulation on the period's 241 windows.
 * 3. FRTB ES (`frtbES`): 97.5% 10-day ES with the liquidity-horizon cascade;
 *    stressed calibration ES_F,C · ES_R,S / ES_R,C with a reduced factor set R
 *    (user's, else the fewest factors covering ≥ 75% of the variance of the
 *    current period's daily P&L, `reducedFactorSet`). Basis: the model
 *    (current vs refitted on the stressed period) when it can be refitted,
 *    else historical simulation (last 250 days vs the stressed period).
 */
export async function regulatoryView(x: RegulatoryInput): Promise<RegulatoryOutcome> {
  const { returns } = x;
  const W = REGULATORY.windowDays;
  const h = REGULATORY.horizonDays;
  const A = returns.symbols.length;
  const T = returns.dates.length;
  if (T < W) throw new InputError(`the regulatory view needs at least ${W} daily returns (a 12-month stressed period), the prices give ${T}`);
  const measure = x.settings.stressedMeasure ?? 'var';
  const confidence = measure === 'var' ? REGULATORY.varConfidence : REGULATORY.esConfidence;

  // 1. Stressed period on the whole history.
  const hsPnl = historicalPnl(returns.values, A, x.exposures, h);
  const sw = stressedWindow(hsPnl, { window: W, horizon: h, confidence, measure });
  const n = sw.windowsPerPeriod;
  const stressedHs = hsPnl.subarray(sw.firstDay, sw.firstDay + n);
  const currentHs = hsPnl.subarray(hsPnl.length - n);

  // Risk factors: the symbols held; liquidity horizons per position or by default.
  const held = x.portfolio.positions.map((p) => p.symbol);
  const liquidityHorizons = x.portfolio.positions.map((p) =>
    p.liquidityHorizon !== undefined ? { symbol: p.symbol, days: p.liquidityHorizon, source: 'position' as const } : { symbol: p.symbol, days: DEFAULT_LIQUIDITY_HORIZON.equity, source: 'default' as const },
  );
  const lhOf = new Map(liquidityHorizons.map((l) => [l.symbol, l.days]));
  const reduced = chooseReducedFactors(x, held, W);

  // 2. Current model scenarios (the run's, when they are 10-day paths) and the model refitted on the stressed period.
  const current = x.current ?? (await modelScenarios(x.model, x.modelExposures, x.paths, x.seed, x.currentState));
  const varModel = valueAtRisk(current.pnl, REGULATORY.varConfidence, current.weights);
  let stressedModel: Awaited<ReturnType<typeof modelScenarios>> | undefined;
  let note: string | undefined;
  if (x.factory === undefined) note = 'a saved model (--model-dir) cannot be refitted on the stressed period: stressed VaR by historical simulation only';
  else if (x.factory.minObservations(x.modelParams) > W) note = `the ${x.factory.name} model needs ${x.factory.minObservations(x.modelParams)} returns, the stressed period has ${W}: stressed VaR by historical simulation only`;
  else {
    const slice: ReturnsMatrix = { dates: returns.dates.slice(sw.firstDay, sw.lastDay + 1), symbols: returns.symbols, values: returns.values.slice(sw.firstDay * A, (sw.lastDay + 1) * A) };
    const sm = await x.factory.fit(slice, x.modelParams, { seed: x.seed });
    stressedModel = await modelScenarios(sm, Float64Array.from(sm.symbols, (s) => x.exposures[returns.symbols.indexOf(s)] ?? 0), x.paths, x.seed);
  }

  // 3. FRTB ES on the model basis when the model was refitted, else on historical simulation.
  const frtb = stressedModel !== undefined
    ? frtbOf('model', { values: current.positionPnl, rows: current.pnl.length, nAssets: x.model.symbols.length, ...(current.weights ? { weights: current.weights } : {}) }, x.model.symbols,
      { values: stressedModel.positionPnl, rows: stressedModel.pnl.length, nAssets: returns.symbols.length }, returns.symbols, lhOf, reduced)
    : frtbOf('historical', historicalPositionPnl(returns.values, A, x.exposures, h, T - W, n), returns.symbols,
      historicalPositionPnl(returns.values, A, x.exposures, h, sw.firstDay, n), returns.symbols, lhOf, reduced);

  return {
    windowDays: W,
    horizonDays: h,
    stressedPeriod: { from: returns.dates[sw.firstDay], to: returns.dates[sw.lastDay], measure, confidence, value: sw.value, windows: n },
    var: { model: varModel, historical: valueAtRisk(currentHs, REGULATORY.varConfidence), historicalFrom: returns.dates[T - W], historicalTo: returns.dates[T - 1] },
    svar: { model: stressedModel ? valueAtRisk(stressedModel.pnl, REGULATORY.varConfidence) : null, historical: valueAtRisk(stressedHs, REGULATORY.varConfidence), ...(note !== undefined ? { note } : {}) },
    liquidityHorizons,
    frtb,
    paths: x.paths,
    seed: x.seed,
    series: {
      rollingTo: Array.from(sw.rolling, (_, d) => returns.dates[d + W - 1]),
      rolling: sw.rolling,
      ...valueHistory(returns, x.exposures),
    },
  };
}

/** 10-day paths of a model valued with today's positions: P&L and per-position P&L. */
async function modelScenarios(model: ScenarioModel, exposures: Float64Array, paths: number, seed: number, state?: ConditioningState): Promise<{ pnl: Float64Array; positionPnl: Float64Array; weights?: Float64Array }> {
  const set = await generatePaths(model, { nPaths: paths, horizon: REGULATORY.horizonDays, seed, ...(state !== undefined ? { state } : {}) });
  const sim = simulatePortfolio(set, exposures, { keepPositionPnl: true });
  return { pnl: sim.pnl, positionPnl: sim.positionPnl as Float64Array };
}

/** The reduced factor set: the user's symbols (each must be held), else the fewest covering 75% of the current period's variance. */
function chooseReducedFactors(x: RegulatoryInput, held: readonly string[], W: number): FrtbOutcome['reducedFactors'] {
  const { returns } = x;
  const A = returns.symbols.length;
  const T = returns.dates.length;
  const cols = held.map((s) => returns.symbols.indexOf(s));
  // Daily factor P&L of the current period (last W days): X[t, j] = exposure_j · (exp(r[t, j]) − 1).
  const X = new Float64Array(W * cols.length);
  for (let t = 0; t < W; t++) {
    for (let j = 0; j < cols.length; j++) X[t * cols.length + j] = x.exposures[cols[j]] * Math.expm1(returns.values[(T - W + t) * A + cols[j]]);
  }
  const threshold = REGULATORY.coverageThreshold;
  const user = x.settings.factors;
  if (user !== undefined && user.length > 0) {
    for (const s of user) if (!held.includes(s)) throw new InputError(`--regulatory-factors names ${s}, which the portfolio does not hold (it holds ${held.join(', ')})`);
    return { symbols: [...user], chosenBy: 'user', coverage: coverageOf(X, cols.length, held.map((s) => user.includes(s))), threshold };
  }
  const r = reducedFactorSet(X, cols.length, threshold);
  return { symbols: r.factors.map((j) => held[j]), chosenBy: 'coverage', coverage: r.coverage, threshold };
}

/** coverage(S) = 1 − Var(P − R) / Var(P), population variances (as `reducedFactorSet` defines it). */
function coverageOf(X: Float64Array, m: number, inSet: readonly boolean[]): number {
  const T = X.length / m;
  const P = new Float64Array(T);
  const D = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < m; j++) {
      P[t] += X[t * m + j];
      if (!inSet[j]) D[t] += X[t * m + j];
    }
  }
  const v = (a: Float64Array) => {
    const mean = a.reduce((s, y) => s + y, 0) / a.length;
    return a.reduce((s, y) => s + (y - mean) ** 2, 0) / a.length;
  };
  return 1 - v(D) / v(P);
}

function frtbOf(
  basis: FrtbOutcome['basis'],
  current: PositionPnl,
  currentSymbols: readonly string[],
  stressed: PositionPnl,
  stressedSymbols: readonly string[],
  lhOf: ReadonlyMap<string, number>,
  reduced: FrtbOutcome['reducedFactors'],
): FrtbOutcome {
  const lh = (syms: readonly string[]) => syms.map((s) => lhOf.get(s) ?? REGULATORY.liquidityHorizons[0]);
  const all = (syms: readonly string[]) => syms.map((s) => lhOf.has(s));
  const red = (syms: readonly string[]) => syms.map((s) => reduced.symbols.includes(s));
  const full = frtbES(current, lh(currentSymbols), all(currentSymbols));
  const rc = frtbES(current, lh(currentSymbols), red(currentSymbols)).es;
  const rs = frtbES(stressed, lh(stressedSymbols), red(stressedSymbols)).es;
  if (!(full.es > 0 && rc > 0 && rs > 0)) {
    return { basis, es: full.es, esByBucket: full.esByBucket, reducedFactors: reduced, stressed: null, note: `the stressed calibration needs positive ES figures, got ES_F,C ${full.es}, ES_R,C ${rc}, ES_R,S ${rs}` };
  }
  const c = stressedCalibrationES(full.es, rs, rc);
  return {
    basis,
    es: full.es,
    esByBucket: full.esByBucket,
    reducedFactors: reduced,
    stressed: { esFullCurrent: full.es, esReducedCurrent: rc, esReducedStressed: rs, ratio: c.ratio, modelVariation: c.modelVariation, coversVariation: c.coversVariation, es: c.es },
  };
}

/** Today's positions valued over the history: V_t = Σ_a exposure_a · P_t,a / P_T,a (from the log returns). */
function valueHistory(returns: ReturnsMatrix, exposures: Float64Array): { valueDates: string[]; value: Float64Array } {
  const A = returns.symbols.length;
  const T = returns.dates.length;
  const value = new Float64Array(T);
  const back = new Float64Array(A); // Σ of the returns after day t
  for (let t = T - 1; t >= 0; t--) {
    let v = 0;
    for (let a = 0; a < A; a++) v += exposures[a] * Math.exp(-back[a]);
    value[t] = v;
    for (let a = 0; a < A; a++) back[a] += returns.values[t * A + a];
  }
  return { valueDates: [...returns.dates], value };
}
