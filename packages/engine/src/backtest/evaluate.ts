import { acerbiSzekelyZ2, baselTrafficLight, christoffersen, kupiecPOF } from '@tailforge/risk';
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
}

export interface ModelEvaluation {
  readonly model: string;
  readonly fits: number;
  readonly levels: readonly LevelEvaluation[];
}

/** An exception is a day whose realised loss exceeds the VaR forecast for it: −P&L > VaR. */
export function exceptionSeries(realized: Float64Array, varForecast: Float64Array): Uint8Array {
  const out = new Uint8Array(realized.length);
  for (let i = 0; i < realized.length; i++) out[i] = -realized[i] > varForecast[i] ? 1 : 0;
  return out;
}

export function evaluateBacktest(r: WalkForwardResult): ModelEvaluation[] {
  const n = r.realized.length;
  return r.forecasts.map((f) => ({
    model: f.model,
    fits: f.fittedIds.length,
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
      };
    }),
  }));
}
