import { expectedShortfall, liquidityHorizonES } from '@tailforge/risk';
import { REGULATORY } from './regulatory-settings.js';
import { subsetPnl, type PositionPnl } from './position-pnl.js';

/**
 * FRTB liquidity-horizon-adjusted ES of a scenario set (MAR33.4): bucket j
 * (LH_j = 10, 20, 40, 60, 120 days) shocks the included factors whose
 * liquidity horizon is at least LH_j, its 10-day 97.5% ES (Acerbi–Tasche,
 * positive = loss, weighted when the scenarios are) is ES_T(P, j), and the
 * buckets combine by the cascade `liquidityHorizonES`. Buckets stop at the
 * longest horizon of the included factors; an empty bucket has ES 0.
 *
 * @param lh liquidity horizon (days) per asset, one of REGULATORY.liquidityHorizons
 * @param include which assets' risk factors are shocked at all (the full set, or a reduced set)
 */
export function frtbES(m: PositionPnl, lh: ArrayLike<number>, include: ArrayLike<boolean>): { es: number; esByBucket: number[] } {
  const H = REGULATORY.liquidityHorizons;
  let top = 0;
  for (let a = 0; a < m.nAssets; a++) if (include[a]) top = Math.max(top, H.indexOf(lh[a]));
  const esByBucket: number[] = [];
  for (let j = 0; j <= top; j++) {
    const inBucket = Array.from({ length: m.nAssets }, (_, a) => include[a] && lh[a] >= H[j]);
    esByBucket.push(inBucket.some((x) => x) ? expectedShortfall(subsetPnl(m, inBucket), REGULATORY.esConfidence, m.weights) : 0);
  }
  return { es: liquidityHorizonES(esByBucket, { horizons: H, baseHorizon: REGULATORY.horizonDays }), esByBucket };
}
