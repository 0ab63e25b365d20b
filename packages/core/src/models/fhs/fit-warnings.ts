import type { Finding } from '../../guard/finding.js';

/** α + β at or above this is an integrated (non-mean-reverting) variance for any practical horizon. */
export const PERSISTENCE_WARN = 0.999;
/** ω below this fraction of the sample variance s² is ω at its bound 0. */
export const OMEGA_ZERO_RATIO = 1e-5;

/**
 * Fit sanity of the per-asset GARCH(1,1) fits of `fhs`, one finding per asset:
 * - `garch-persistence` `warn`: α + β ≥ {@link PERSISTENCE_WARN}: the
 *   variance hardly reverts (half-life ln ½ / ln(α + β) ≥ 693 days), so
 *   today's volatility is carried to every horizon; often a level shift in
 *   the data (a regime change, stale then live prices) rather than a property of
 *   returns.
 * - `garch-omega-zero` `warn`: ω < {@link OMEGA_ZERO_RATIO} · s²: the long-run
 *   variance ω / (1 − α − β) has no floor of its own, and a calm stretch
 *   drives the simulated variance towards 0.
 */
export function garchFitWarnings(
  fits: readonly { readonly symbol: string; readonly omega: number; readonly alpha: number; readonly beta: number }[],
  sampleVariance: ArrayLike<number>,
): Finding[] {
  const out: Finding[] = [];
  fits.forEach((g, a) => {
    const persistence = g.alpha + g.beta;
    if (persistence >= PERSISTENCE_WARN) {
      out.push({
        code: 'garch-persistence',
        severity: 'warn',
        symbol: g.symbol,
        message: `fhs: ${g.symbol}'s GARCH α + β = ${persistence.toFixed(4)} (≥ ${PERSISTENCE_WARN}): the variance hardly reverts, today's volatility is carried to every horizon`,
        details: { alpha: g.alpha, beta: g.beta, persistence },
      });
    }
    const ratio = g.omega / sampleVariance[a];
    if (ratio < OMEGA_ZERO_RATIO) {
      out.push({
        code: 'garch-omega-zero',
        severity: 'warn',
        symbol: g.symbol,
        message: `fhs: ${g.symbol}'s GARCH ω = ${g.omega.toExponential(2)} is at its bound 0 (${ratio.toExponential(1)} × the sample variance): the simulated variance has no floor`,
        details: { omega: g.omega, omegaOverSampleVariance: ratio },
      });
    }
  });
  return out;
}
