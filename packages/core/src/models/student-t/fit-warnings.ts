import type { Finding } from '../../guard/finding.js';
import { MAX_DOF, MIN_DOF } from './multivariate-t-em.js';

/** ν within this much of a bound counts as at the bound (the search on ln ν stops within ~1e-6 of it). */
export const DOF_BOUND_TOLERANCE = 0.01;

/**
 * Fit sanity of a Student-t fit:
 * - `dof-at-bound` `warn`: ν at its lower bound {@link MIN_DOF} (within
 *   {@link DOF_BOUND_TOLERANCE}): the likelihood wants tails heavier than a
 *   t with a finite variance, which daily returns rarely have. Usual causes:
 *   stale prices (many zero returns make a narrow centre) or bad ticks. The
 *   covariance ν/(ν − 2)·Σ is then 21 × Σ and tail figures are unreliable.
 * - `dof-at-bound` `info`: ν at its upper bound {@link MAX_DOF}: the t is all but
 *   normal, the data shows no fat tails (odd for daily returns, fine for
 *   monthly ones).
 * - `em-not-converged` `warn`: the ECME iterations stopped before the
 *   log-likelihood settled.
 */
export function studentTFitWarnings(dof: number, converged: boolean): Finding[] {
  const out: Finding[] = [];
  if (dof <= MIN_DOF + DOF_BOUND_TOLERANCE) {
    out.push({
      code: 'dof-at-bound',
      severity: 'warn',
      message: `student-t: ν = ${dof.toFixed(2)} at its lower bound ${MIN_DOF}: tails heavier than the model allows (stale prices or bad ticks?); the covariance is ${(dof / (dof - 2)).toFixed(0)} × the scale matrix and tail figures are unreliable`,
      details: { dof, bound: MIN_DOF },
    });
  } else if (dof >= MAX_DOF - DOF_BOUND_TOLERANCE) {
    out.push({
      code: 'dof-at-bound',
      severity: 'info',
      message: `student-t: ν = ${dof.toFixed(1)} at its upper bound ${MAX_DOF}: the fit is all but normal, the data shows no fat tails`,
      details: { dof, bound: MAX_DOF },
    });
  }
  if (!converged) {
    out.push({
      code: 'em-not-converged',
      severity: 'warn',
      message: 'student-t: the ECME iterations stopped before the likelihood settled; the estimates may be off',
    });
  }
  return out;
}
