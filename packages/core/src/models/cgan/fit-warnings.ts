import type { ReturnsMatrix } from '../../market/types.js';
import type { CganModel } from './cgan-model.js';
import type { CganWarning } from './warnings.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { abs: M_abs, ceil: M_ceil, exp: M_exp, floor: M_floor, max: M_max, min: M_min, round: M_round, sqrt: M_sqrt } = Math;

/** 10-day 99% VaR and ES of the equal-weight portfolio per ensemble member, from the median and the p99 training state. */
export interface MemberRisk {
  readonly state: string;
  readonly date: string;
  /** Positive loss fractions: VaR = −(lower 1% quantile of the 10-day simple return), ES = −mean of the returns at or below it. */
  readonly var99: number[];
  readonly es99: number[];
  readonly mixtureVar99: number;
  /** Mean and std of the 20-day equal-weight log return, mixture. */
  readonly mean20: number;
  readonly sd20: number;
}

const PATHS_PER_MEMBER = 2000;

function varEs(y: Float64Array): { v: number; e: number } {
  const s = Float64Array.from(y).sort();
  const k = M_max(1, M_ceil(0.01 * s.length));
  let e = 0;
  for (let i = 0; i < k; i++) e += s[i];
  return { v: -s[k - 1], e: -e / k };
}

/**
 * Checks a fitted cgan from its median and p99 training states (states
 * ranked by volatility level) and returns warnings:
 * `cgan.stress-below-median` (p99-state VaR below the median state's),
 * `cgan.ensemble-disagreement` (coefficient of variation of the members'
 * VaR above 10%), `cgan.drift-outside-band` (|mean 20-day return −
 * 20 × training mean| above 0.25 × the 20-day sd).
 */
export function fitWarnings(model: CganModel, returns: ReturnsMatrix, seed: number): { warnings: CganWarning[]; risk: MemberRisk[] } {
  const K = model.ensembleSize, A = model.symbols.length;
  const warnings: CganWarning[] = [];
  const risk: MemberRisk[] = [];
  let histMean = 0;
  for (let i = 0; i < returns.values.length; i++) histMean += returns.values[i];
  histMean /= returns.dates.length * A;
  for (const q of [0.5, 0.99]) {
    const st = model.historicalStateQuantile(returns, q);
    const n = PATHS_PER_MEMBER * K, H = 20;
    const paths = model.sampleFromStates(tile(st.state.values, n), H, seed);
    const y10 = Array.from({ length: K }, () => new Float64Array(PATHS_PER_MEMBER));
    const all10 = new Float64Array(n);
    let s1 = 0, s2 = 0;
    for (let p = 0; p < n; p++) {
      let y = 0, lr = 0;
      for (let a = 0; a < A; a++) {
        let c = 0;
        for (let t = 0; t < H; t++) {
          c += paths[(p * H + t) * A + a];
          if (t === 9) y += M_exp(c) - 1;
        }
        lr += c;
      }
      y10[p % K][M_floor(p / K)] = y / A;
      all10[p] = y / A;
      s1 += lr / A;
      s2 += (lr / A) ** 2;
    }
    const members = y10.map(varEs);
    const mean20 = s1 / n, sd20 = M_sqrt(M_max(0, s2 / n - mean20 * mean20));
    risk.push({ state: st.state.label ?? `p${q * 100}`, date: st.date, var99: members.map((m) => m.v), es99: members.map((m) => m.e), mixtureVar99: varEs(all10).v, mean20, sd20 });
    if (K > 1) {
      const v = members.map((m) => m.v);
      const mu = v.reduce((a, b) => a + b, 0) / K;
      const cv = M_sqrt(v.reduce((a, b) => a + (b - mu) ** 2, 0) / (K - 1)) / mu;
      if (cv > 0.1) {
        warnings.push({ code: 'cgan.ensemble-disagreement', severity: 'warn', message: `ensemble members disagree on 10-day VaR 99% from the ${st.state.label} state (${st.date}): coefficient of variation ${(100 * cv).toFixed(1)}% > 10%`, details: { state: st.state.label ?? '', cv: round(cv), min: round(M_min(...v)), max: round(M_max(...v)) } });
      }
    }
    const gap = M_abs(mean20 - 20 * histMean);
    if (gap > 0.25 * sd20) {
      warnings.push({ code: 'cgan.drift-outside-band', severity: 'warn', message: `mean 20-day return from the ${st.state.label} state is ${(100 * mean20).toFixed(2)}%, the training mean gives ${(2000 * histMean).toFixed(2)}%: the gap exceeds 0.25 × the 20-day sd (${(100 * sd20).toFixed(2)}%)`, details: { state: st.state.label ?? '', mean20: round(mean20), historical20: round(20 * histMean), sd20: round(sd20) } });
    }
  }
  if (risk[1].mixtureVar99 < risk[0].mixtureVar99) {
    warnings.push({ code: 'cgan.stress-below-median', severity: 'warn', message: `10-day VaR 99% from the p99 state (${(100 * risk[1].mixtureVar99).toFixed(2)}%) is below the median state's (${(100 * risk[0].mixtureVar99).toFixed(2)}%)`, details: { p99: round(risk[1].mixtureVar99), median: round(risk[0].mixtureVar99) } });
  }
  return { warnings, risk };
}

function tile(v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(v.length * n);
  for (let i = 0; i < n; i++) out.set(v, i * v.length);
  return out;
}

function round(x: number): number {
  return M_round(x * 1e6) / 1e6;
}
