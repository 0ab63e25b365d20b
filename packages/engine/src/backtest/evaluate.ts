import {
  acerbiSzekelyZ2,
  baselTrafficLight,
  christoffersen,
  duEscancianoConditional,
  duEscancianoUnconditional,
  fz0Loss,
  hacCoverageTest,
  kupiecPOF,
  nonOverlappingIndices,
  quantileLoss,
} from '@tailforge/risk';
import type { WalkForwardResult } from './walk-forward.js';

/** Basel's traffic light is defined on the last 250 days of 99% one-day VaR. */
const BASEL_WINDOW = 250;
const BASEL_CONFIDENCE = 0.99;

export interface LevelEvaluation {
  readonly confidence: number;
  readonly observations: number;
  readonly exceptions: number;
  readonly expectedExceptions: number;
  readonly exceptionRate: number;
  readonly kupiec: { readonly lr: number; readonly pValue: number };
  readonly christoffersen: { readonly lrInd: number; readonly pInd: number; readonly lrCc: number; readonly pCc: number };
  /** Only for 99% VaR: zone over the last 250 (or fewer) forecasts. */
  readonly basel: { readonly zone: string; readonly exceptions: number; readonly observations: number; readonly cumulativeProbability: number } | null;
  /** Acerbi–Székely Z2 of the ES forecasts at this level (tail probability 1 − confidence). */
  readonly z2: number;
  /**
   * Du–Escanciano ES backtests on the cumulative violations of the forecast
   * PITs (α = 1 − confidence): unconditional (U_ES, two-sided) and
   * conditional (Box–Pierce C_ES over 5 lags; null with 5 days or fewer, and
   * with no violation at all: H_t − α/2 is then constant, every
   * autocorrelation 1 and C_ES = 5T, a rejection that says nothing about
   * clustering).
   */
  readonly duEscanciano: {
    readonly unconditional: { readonly statistic: number; readonly pValue: number; readonly meanViolation: number; readonly violations: number };
    readonly conditional: { readonly statistic: number; readonly pValue: number; readonly lags: number } | null;
  };
  /** Average FZ0 joint VaR/ES loss (lower is better; null when an ES forecast is <= 0). */
  readonly fz0Loss: number | null;
  /** Average quantile (tick) loss of the VaR forecasts (lower is better). */
  readonly quantileLoss: number;
  /**
   * Horizon h > 1 only: exceptions and coverage tests on the non-overlapping
   * windows (every h-th forecast, the latest kept), which are independent
   * under a correct model, and the HAC coverage test on all (overlapping)
   * windows. The fields above use every window (overlapping, autocorrelated).
   * Null for h = 1 and for fewer than 2 non-overlapping windows.
   */
  readonly nonOverlapping: {
    readonly horizon: number;
    readonly observations: number;
    readonly exceptions: number;
    readonly expectedExceptions: number;
    readonly kupiec: { readonly lr: number; readonly pValue: number };
    readonly christoffersen: { readonly lrInd: number; readonly pInd: number; readonly lrCc: number; readonly pCc: number };
    readonly hac: { readonly statistic: number; readonly pValue: number; readonly lag: number };
  } | null;
}

export interface ModelEvaluation {
  readonly model: string;
  readonly fits: number;
  /** Fits from scratch and warm refits. */
  readonly fullFits: number;
  readonly warmRefits: number;
  /** Where a conditional model's state came from each day ('daily', 'last-fit') or 'unconditional'. */
  readonly state: string;
  /** Wall time of the model's walk-forward, seconds. */
  readonly seconds: number;
  readonly levels: readonly LevelEvaluation[];
}

/** Lags of the conditional Du–Escanciano test (the paper's m = 5). */
const DE_LAGS = 5;

/** FZ0 losses of one model at one level, or null when an ES forecast is not a positive loss (FZ0 needs ES > 0). */
export function fz0LossesOf(realized: Float64Array, varForecast: Float64Array, esForecast: Float64Array, alpha: number): Float64Array | null {
  for (let i = 0; i < esForecast.length; i++) if (!(esForecast[i] > 0)) return null;
  return fz0Loss(realized, varForecast, esForecast, alpha).losses;
}

/** An exception is a day whose realised loss exceeds the VaR forecast for it: −P&L > VaR. */
export function exceptionSeries(realized: Float64Array, varForecast: Float64Array): Uint8Array {
  const out = new Uint8Array(realized.length);
  for (let i = 0; i < realized.length; i++) out[i] = -realized[i] > varForecast[i] ? 1 : 0;
  return out;
}

export function evaluateBacktest(r: WalkForwardResult): ModelEvaluation[] {
  const n = r.realized.length;
  const h = r.config.horizon;
  return r.forecasts.map((f) => ({
    model: f.model,
    fits: f.fittedIds.length,
    fullFits: f.fullFits,
    warmRefits: f.warmRefits,
    state: f.state,
    seconds: f.seconds,
    levels: r.config.confidence.map((c, l): LevelEvaluation => {
      const p = 1 - c;
      const series = exceptionSeries(r.realized, f.var[l]);
      const x = series.reduce((s, v) => s + v, 0);
      const ch = christoffersen(series, p);
      let basel: LevelEvaluation['basel'] = null;
      if (Math.abs(c - BASEL_CONFIDENCE) < 1e-12) {
        const m = Math.min(BASEL_WINDOW, n);
        const recent = series.subarray(n - m).reduce((s, v) => s + v, 0);
        const tl = baselTrafficLight(recent, m, p);
        basel = { zone: tl.zone, exceptions: recent, observations: m, cumulativeProbability: tl.cumulativeProbability };
      }
      return {
        confidence: c,
        observations: n,
        exceptions: x,
        expectedExceptions: n * p,
        exceptionRate: x / n,
        kupiec: kupiecPOF(x, n, p),
        christoffersen: { lrInd: ch.lrInd, pInd: ch.pInd, lrCc: ch.lrCc, pCc: ch.pCc },
        basel,
        z2: acerbiSzekelyZ2(r.realized, f.var[l], f.es[l], p).z2,
        duEscanciano: duEscancianoOf(f.pit, p),
        fz0Loss: meanOf(fz0LossesOf(r.realized, f.var[l], f.es[l], p)),
        quantileLoss: quantileLoss(r.realized, f.var[l], p).mean,
        nonOverlapping: h > 1 ? nonOverlappingOf(series, p, h) : null,
      };
    }),
  }));
}

function meanOf(x: Float64Array | null): number | null {
  if (x === null) return null;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function duEscancianoOf(pit: Float64Array, alpha: number): LevelEvaluation['duEscanciano'] {
  const u = duEscancianoUnconditional(pit, alpha);
  let conditional: LevelEvaluation['duEscanciano']['conditional'] = null;
  if (pit.length > DE_LAGS && u.violations > 0) {
    const c = duEscancianoConditional(pit, alpha, DE_LAGS);
    conditional = { statistic: c.statistic, pValue: c.pValue, lags: c.lags };
  }
  return { unconditional: { statistic: u.statistic, pValue: u.pValue, meanViolation: u.meanViolation, violations: u.violations }, conditional };
}

function nonOverlappingOf(series: Uint8Array, p: number, h: number): LevelEvaluation['nonOverlapping'] {
  const keep = nonOverlappingIndices(series.length, h);
  const sub = new Uint8Array(keep.length);
  for (let k = 0; k < keep.length; k++) sub[k] = series[keep[k]];
  if (sub.length < 2) return null; // too short a backtest for the coverage tests
  const x = sub.reduce((s, v) => s + v, 0);
  const ch = christoffersen(sub, p);
  const hac = hacCoverageTest(series, p, { horizon: h });
  return {
    horizon: h,
    observations: sub.length,
    exceptions: x,
    expectedExceptions: sub.length * p,
    kupiec: kupiecPOF(x, sub.length, p),
    christoffersen: { lrInd: ch.lrInd, pInd: ch.pInd, lrCc: ch.lrCc, pCc: ch.pCc },
    hac: { statistic: hac.statistic, pValue: hac.pValue, lag: hac.lag },
  };
}
