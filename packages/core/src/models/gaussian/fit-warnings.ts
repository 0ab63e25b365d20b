import type { Finding } from '../../guard/finding.js';
import type { CovarianceRepair } from './repair-covariance.js';

/**
 * Fit sanity of `gaussian`: `covariance-repaired` `warn` when the sample
 * covariance was not positive definite and eigenvalues were clipped (see
 * repair-covariance.ts): fewer returns than assets, or collinear series (an
 * asset that is a copy or a combination of others, a constant one). The
 * clipped directions get a variance the data never showed, and a portfolio
 * that loads on them gets a risk of almost nothing.
 */
export function gaussianFitWarnings(repair: CovarianceRepair | undefined, nAssets: number, nObservations: number): Finding[] {
  if (repair === undefined) return [];
  const why = nObservations <= nAssets ? `${nObservations} returns for ${nAssets} assets` : 'collinear or constant return series';
  return [{
    code: 'covariance-repaired',
    severity: 'warn',
    message: `gaussian: the sample covariance is not positive definite (${why}); ${repair.clippedEigenvalues} eigenvalue${repair.clippedEigenvalues === 1 ? '' : 's'} clipped to ${repair.floor.toExponential(2)}: risk in those directions is made up`,
    details: { clippedEigenvalues: repair.clippedEigenvalues, floor: repair.floor, minEigenvalue: repair.minEigenvalue },
  }];
}
