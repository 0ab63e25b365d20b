/**
 * A cube of simulated log returns, stored flat in one typed array:
 * `values[(p * horizon + t) * nAssets + a]` is the log return of asset `a`
 * on step `t` (0-based) of path `p`. Shared layout across tailforge packages.
 */
export interface PathCube {
  readonly values: Float32Array | Float64Array;
  readonly nPaths: number;
  readonly horizon: number;
  readonly nAssets: number;
}

/**
 * Value-at-Risk and Expected Shortfall at one confidence level, both in loss
 * units (positive = loss), see `valueAtRisk` and `expectedShortfall`.
 */
export interface RiskAtLevel {
  confidence: number;
  var: number;
  es: number;
}

/** Result of `simulatePortfolio`. */
export interface PortfolioSimulation {
  /** V_0 = sum of the exposures. */
  initialValue: number;
  /** P&L per path, V_H − V_0. */
  pnl: Float64Array;
  /** Maximum drawdown per path (fraction of the running peak); NaN for every path when V_0 <= 0. */
  maxDrawdown: Float64Array;
  /** nPaths × (horizon + 1) portfolio values V_0..V_H, row-major by path; only with `keepValuePaths`. */
  valuePaths?: Float64Array;
  /**
   * P&L V_h − V_0 per path at each requested horizon h (1-based step count),
   * in the order of `options.horizons`; only with `horizons`.
   */
  pnlByHorizon?: Float64Array[];
  /**
   * nPaths × nAssets position P&L at the horizon, row-major by path:
   * exposures[a] · (exp(Σ_t r[p,t,a]) − 1). Each row sums to `pnl[p]` up to
   * rounding. Only with `keepPositionPnl`.
   */
  positionPnl?: Float64Array;
  /** Drawdown durations and recoveries per path; only with `drawdownDetail`. */
  drawdownDetail?: DrawdownStats;
}

/** Options of `simulatePortfolio`. */
export interface SimulatePortfolioOptions {
  /** Also return every path's portfolio values (nPaths × (horizon + 1) doubles). Default false. */
  keepValuePaths?: boolean;
  /** Steps h (integers, 1 <= h <= horizon, no duplicates) at which to record the P&L as well. */
  horizons?: readonly number[];
  /** Also return each position's P&L at the horizon (nPaths × nAssets doubles). Default false. */
  keepPositionPnl?: boolean;
  /** Also return drawdown durations and times to recovery (see `drawdownStats`). Default false. */
  drawdownDetail?: boolean;
  /**
   * Measure drawdowns on the cumulative P&L against this base (finite, > 0)
   * instead of on the value: maxDrawdown = max_t (max_{s<=t} PnL_s − PnL_t) / base
   * with PnL_0 = 0 (a long/short book's gross exposure or capital; its net
   * value may be near or below zero). Default: fraction of the running peak value.
   */
  drawdownBase?: number;
}

/**
 * Per-path drawdown statistics, see `drawdownStats`. Durations are counted in
 * steps (one step = one value of the path). Every entry is NaN (and
 * `recovered` 0) for paths whose first value is <= 0.
 */
export interface DrawdownStats {
  /** Maximum drawdown, a fraction of the running peak (as `maxDrawdown`). */
  maxDrawdown: Float64Array;
  /** Steps from the peak before the max-drawdown trough to the recovery of that peak, or to the path's end. */
  drawdownDuration: Float64Array;
  /** Steps from the max-drawdown trough to the recovery; NaN when the peak is never regained. */
  timeToRecovery: Float64Array;
  /** 1 when the value regains the peak before the max-drawdown trough (or there is no drawdown), else 0. */
  recovered: Uint8Array;
}

/** Result of `drawdownSummary`. */
export interface DrawdownSummary {
  mean: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** Result of `pnlHistogram`: `bins + 1` edges and `bins` (weighted) counts. */
export interface PnlHistogram {
  edges: Float64Array;
  counts: Float64Array;
}

/** How `riskWithErrors` measures estimation error. */
export type RiskErrorMethod = 'bootstrap' | 'order-statistics';

/** Options of `riskWithErrors`. */
export interface RiskWithErrorsOptions {
  /** Scenario weights (finite, >= 0, positive sum); bootstrap method only. */
  weights?: ArrayLike<number>;
  /** Default 'bootstrap'. */
  method?: RiskErrorMethod;
  /** Bootstrap resamples (integer >= 2). Default 500. */
  resamples?: number;
  /** Seed of the resampling generator (any number; its low 32 bits are used). Default 1. */
  seed?: number;
  /** Confidence level of the intervals, in (0, 1). Default 0.9. */
  level?: number;
}

/** VaR / ES at one confidence level with standard errors and confidence intervals. */
export interface RiskWithError extends RiskAtLevel {
  varSe: number;
  esSe: number;
  varCi: [number, number];
  esCi: [number, number];
  method: RiskErrorMethod;
}

/** Result of `momentsOf`: weighted mean, standard deviation, skewness and excess kurtosis. */
export interface Moments {
  mean: number;
  sd: number;
  skewness: number;
  excessKurtosis: number;
}

/** Options of `historicalPnl`. */
export interface HistoricalPnlOptions {
  /** Overlapping windows (start every day) or disjoint ones. Default true. */
  overlapping?: boolean;
}

/**
 * How VaR reads the α-quantile of the losses: `lower` (tailforge's default,
 * inf{ l : F_L(l) >= α }, an observed loss) or `type7` (Hyndman–Fan type 7,
 * linear interpolation between order statistics: the default of R's
 * `quantile`, NumPy's `quantile` and PerformanceAnalytics' historical VaR).
 */
export type QuantileMethod = 'lower' | 'type7';

/** Options of `valueAtRisk` / `riskAtLevels`. */
export interface VaROptions {
  /** Default `lower`. `type7` needs equal weights (it is not defined for weighted samples). */
  quantileMethod?: QuantileMethod;
}

/** Options of `componentVaR` / `marginalVaR`. */
export interface ComponentVaROptions {
  /** Half-width m of the window of order statistics around VaR (integer >= 0). Default max(1, floor(sqrt(n) / 2)). */
  window?: number;
}

/** Result of `kupiecPOF`. */
export interface KupiecResult {
  /** Likelihood ratio statistic, χ²(1) under the null. */
  lr: number;
  pValue: number;
}

/** Result of `christoffersen`. */
export interface ChristoffersenResult {
  /** Independence likelihood ratio, χ²(1). */
  lrInd: number;
  pInd: number;
  /** Conditional coverage likelihood ratio LR_POF + LR_ind, χ²(2). */
  lrCc: number;
  pCc: number;
  /** Transition counts: n_ij = number of days in state j following a day in state i (1 = exception). */
  n00: number;
  n01: number;
  n10: number;
  n11: number;
}

/** Basel traffic-light zone. */
export type TrafficLightZone = 'green' | 'yellow' | 'red';

/** Result of `baselTrafficLight`. */
export interface TrafficLightResult {
  zone: TrafficLightZone;
  /** P(X <= exceptions) for X ~ Binomial(observations, p). */
  cumulativeProbability: number;
}

/** Result of `acerbiSzekelyZ2`. */
export interface AcerbiSzekelyResult {
  z2: number;
  /** Number of days with a loss beyond VaR. */
  exceptions: number;
  observations: number;
  /** Zone by the published α = 2.5% thresholds: green above −0.70, yellow down to −1.8, red below. */
  zone: TrafficLightZone;
}

/** Result of `fz0Loss` and `quantileLoss`: per-day scores (lower is better) and their mean. */
export interface ScoringLossResult {
  losses: Float64Array;
  mean: number;
}

/** Options of `dieboldMariano`. */
export interface DieboldMarianoOptions {
  /** Newey–West bandwidth L (default floor(4 (T/100)^{2/9})). */
  lag?: number;
  /** Level below which the p-value names a winner (default 0.05). */
  significance?: number;
}

/** Result of `dieboldMariano` (A = first loss series, B = second). */
export interface DieboldMarianoResult {
  /** d̄ / √(σ²_LR / T) with d_t = L^A_t − L^B_t; NaN when the forecasts are identical. */
  statistic: number;
  /** Two-sided p-value; NaN when the forecasts are identical. */
  pValue: number;
  /** d̄ = mean(L^A − L^B): negative when A has the lower average loss. */
  meanDifference: number;
  /** Newey–West long-run variance of d_t. */
  longRunVariance: number;
  /** Bandwidth used. */
  lag: number;
  observations: number;
  /** The significantly better model ('first' = A, 'second' = B) or 'neither'. */
  better: 'first' | 'second' | 'neither';
  /** 'identical': every d_t = 0; 'zero-variance': constant non-zero d_t. */
  status: 'ok' | 'identical' | 'zero-variance';
}

/** Result of `duEscancianoUnconditional`. */
export interface DuEscancianoUnconditionalResult {
  /** U_ES, N(0, 1) under H0; > 0 when risk is underestimated. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** H̄, α/2 under H0. */
  meanViolation: number;
  /** Days with u_t <= α. */
  violations: number;
  observations: number;
}

/** Result of `duEscancianoConditional`. */
export interface DuEscancianoConditionalResult {
  /** C_ES(m), χ²(m) under H0. */
  statistic: number;
  pValue: number;
  lags: number;
  /** ρ_1..ρ_m of H_t about α/2. */
  autocorrelations: Float64Array;
  observations: number;
}

/** Options of `hacCoverageTest`. */
export interface HacCoverageOptions {
  /** Forecast horizon h in days (default 1). */
  horizon?: number;
  /** Newey–West bandwidth L (default max(h − 1, floor(4 (T/100)^{2/9}))). */
  lag?: number;
}

/** Result of `hacCoverageTest`. */
export interface HacCoverageResult {
  /** z = (Ī − p)/√(σ²_LR/T), N(0, 1) under H0; > 0: too many exceptions. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  exceptions: number;
  observations: number;
  /** Ī, the observed exception rate. */
  rate: number;
  lag: number;
  longRunVariance: number;
}

/** Options of `stressedWindow`. */
export interface StressedWindowOptions {
  /** Period length W in days (default 250). */
  window?: number;
  /** Days h of each P&L window (default 1). */
  horizon?: number;
  /** Confidence c (default 0.99). */
  confidence?: number;
  /** 'var' (default) or 'es'. */
  measure?: 'var' | 'es';
}

/** Result of `stressedWindow`: day indices of the stressed period and its measure. */
export interface StressedWindowResult {
  /** First day d of the stressed period (index into the P&L / returns rows). */
  firstDay: number;
  /** Last day d + W − 1 of the stressed period. */
  lastDay: number;
  /** The period's VaR or ES (loss units). */
  value: number;
  /** Measure of every period d = 0..N − n, by first day. */
  rolling: Float64Array;
  /** n = W − h + 1, the h-day P&Ls inside one period. */
  windowsPerPeriod: number;
}

/** Options of `liquidityHorizonES`. */
export interface LiquidityHorizonESOptions {
  /** Liquidity horizons LH_1 < LH_2 < … in days (default 10, 20, 40, 60, 120). */
  horizons?: readonly number[];
  /** Base horizon T in days (default LH_1). */
  baseHorizon?: number;
}

/** Options of `stressedCalibrationES`. */
export interface StressedCalibrationESOptions {
  /** Floor ES_F,C / ES_R,C at 1 (default true). */
  floorRatio?: boolean;
}

/** Result of `stressedCalibrationES`. */
export interface StressedCalibrationESResult {
  /** ES_R,S · ratio. */
  es: number;
  /** ES_F,C / ES_R,C, floored at 1 unless floorRatio is false. */
  ratio: number;
  /** ES_R,C / ES_F,C: the share of the full model the reduced set explains. */
  modelVariation: number;
  /** modelVariation >= 0.75 on this day. */
  coversVariation: boolean;
}

/** Options of `baselCapital`. */
export interface BaselCapitalOptions {
  /** VaR multiplier m_c (default 3 + plus factor). */
  mc?: number;
  /** Stressed VaR multiplier m_s (default 3 + plus factor). */
  ms?: number;
}

/** Result of `baselCapital`. */
export interface BaselCapitalResult {
  /** varTerm + svarTerm. */
  capital: number;
  /** max(VaR_{t−1}, m_c · VaR_avg60). */
  varTerm: number;
  /** max(sVaR_{t−1}, m_s · sVaR_avg60). */
  svarTerm: number;
  varLatest: number;
  varAverage: number;
  svarLatest: number;
  svarAverage: number;
  mc: number;
  ms: number;
  plusFactor: number;
}

/** Options of `modelConfidenceSet`. */
export interface ModelConfidenceSetOptions {
  /** Level α of the set (default 0.1: the set holds the best model with probability >= 90%). */
  alpha?: number;
  /** Bootstrap resamples B (default 1000). */
  resamples?: number;
  /** Block length of the circular moving-block bootstrap (default max(1, round(T^{1/3}))). */
  blockLength?: number;
  /** Seed of the local generator when `uniform` is absent (default 1). */
  seed?: number;
  /** Uniform [0, 1) source, e.g. `() => rng.uniform()` with the project's Rng. */
  uniform?: () => number;
}

/** Result of `modelConfidenceSet`; models are indices into the `losses` argument. */
export interface ModelConfidenceSetResult {
  /** Models best first: the survivor, then the eliminated in reverse order of elimination. */
  ranking: number[];
  /** MCS p-value per model (1 for the survivor). */
  pValues: Float64Array;
  /** pValues[i] >= alpha. */
  included: boolean[];
  /** Average loss per model. */
  meanLoss: Float64Array;
  alpha: number;
  resamples: number;
  blockLength: number;
}

/** A European option for the Black–Scholes–Merton functions (`bsmPrice` and greeks). */
export interface BsmOption {
  type: 'call' | 'put';
  /** Underlying price S (> 0). */
  spot: number;
  /** Strike K (> 0). */
  strike: number;
  /** Time to expiry T in years (>= 0). */
  expiry: number;
  /** Continuously compounded risk-free rate r. */
  rate: number;
  /** Continuous dividend yield q (default 0). */
  dividendYield?: number;
  /** Annualised implied volatility σ (>= 0), e.g. 0.2. */
  volatility: number;
}

/** Result of `reducedFactorSet`. */
export interface ReducedFactorSetResult {
  /** Chosen factor indices, in the order they were added. */
  factors: number[];
  /** Coverage 1 − Var(P − R)/Var(P) of the chosen set. */
  coverage: number;
  /** Coverage after each addition. */
  coverageByStep: number[];
}

/**
 * One instrument of a book valued by `simulateBook`. Money is in the
 * instrument's own currency; `fxRate` converts it into the book's base
 * currency today (base units per unit of the instrument's currency, 1 when
 * the same) and the `fx` column of the path cube moves that rate along the
 * path (rate_t = fxRate · exp(Σ r[fx]), or fxRate · exp(−Σ r[fx]) with
 * `fxInverse`, for a column quoted the other way round).
 */
export type BookInstrument = LinearInstrument | FutureInstrument | CashInstrument | OptionInstrument;

interface InstrumentCommon {
  /** FX column of the cube converting the instrument's currency into the base currency; absent (or −1) when the same currency. */
  fx?: number;
  /** The FX column is quoted the other way round (instrument currency per base unit): the path divides by its move. */
  fxInverse?: boolean;
  /** Today's conversion rate into the base currency (default 1). */
  fxRate?: number;
}

/** A position worth value · exp(Σ r[asset]) (an equity, an index, an FX rate held as an asset). */
export interface LinearInstrument extends InstrumentCommon {
  kind: 'linear';
  asset: number;
  /** Today's market value (negative: short). */
  value: number;
}

/** A future (or forward marked to market, cash-settled daily): worth 0 today, P&L notional · (exp(Σ r[asset]) − 1). */
export interface FutureInstrument extends InstrumentCommon {
  kind: 'future';
  asset: number;
  /** quantity × multiplier × today's price (negative: short). */
  notional: number;
}

/** Cash: a constant amount in its currency (it moves in the base currency with the FX rate only). */
export interface CashInstrument extends InstrumentCommon {
  kind: 'cash';
  amount: number;
}

/** A European option on the asset column, revalued by Black–Scholes–Merton at every step. */
export interface OptionInstrument extends InstrumentCommon {
  kind: 'option';
  asset: number;
  optionType: 'call' | 'put';
  /** quantity × multiplier (negative: written). */
  units: number;
  /** The underlying's price today. */
  spot: number;
  strike: number;
  /** Years to expiry today; one step of the cube is `stepYears` (default 1/252) less. */
  expiry: number;
  rate: number;
  dividendYield?: number;
  /** Implied volatility today (annualised). */
  volatility: number;
  /**
   * `held` (default): the implied volatility stays as it is. `realised`:
   * sticky moneyness (the volatility at a given K/S moves as a whole) with a
   * level that follows the path's realised volatility: σ_t = σ_0 · √v_t / referenceVol,
   * v_t = 0.94 · v_{t−1} + 0.06 · r[t,asset]², v_0 = referenceVol² (an
   * EWMA variance started at the historical one, RiskMetrics' daily decay).
   */
  volRule?: 'held' | 'realised';
  /** The underlying's daily return standard deviation the realised volatility is compared with (needed by `realised`). */
  referenceVol?: number;
  /** Added to the implied volatility at every step after today (a scenario's `vol` shock), floored at 0. */
  volShift?: number;
}

/** Options of `simulateBook`: those of `simulatePortfolio` (position P&L is per instrument), and more. */
export interface SimulateBookOptions extends SimulatePortfolioOptions {
  /** Years per step of the cube (default 1/252: trading days). */
  stepYears?: number;
  /**
   * Also return `approximatePnl`: each option's horizon P&L from its
   * delta-gamma-vega expansion around today's spot and volatility at the
   * horizon's time to expiry (the time decay V(S_0, T_H, σ_0) − V(S_0, T_0, σ_0)
   * exact, then `deltaGammaVegaPnl`), other instruments exact.
   */
  approximation?: boolean;
}

/** Result of `simulateBook`. */
export interface BookSimulation extends PortfolioSimulation {
  /** Delta-gamma-vega approximation of the horizon P&L per path; only with `approximation`. */
  approximatePnl?: Float64Array;
}
