const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Maximiser of a function of one variable on [lo, hi]: a grid of `gridPoints`
 * evenly spaced points (ends included) finds the best cell, then golden-section
 * search narrows the bracket around it to width ≤ `tolerance`. The grid guards
 * against a function with more than one bump; within the bracket the function
 * is assumed unimodal. Returns the best point evaluated (an end point when the
 * maximum is on the boundary). Non-finite values count as −∞.
 */
export function maximizeScalar(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: { readonly gridPoints?: number; readonly tolerance?: number } = {},
): { x: number; value: number } {
  if (!(hi > lo)) throw new RangeError(`maximizeScalar: need lo < hi, got [${lo}, ${hi}]`);
  const nGrid = Math.max(3, options.gridPoints ?? 12);
  const tol = options.tolerance ?? 1e-8 * (hi - lo);
  const g = (x: number): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : -Infinity;
  };
  const h = (hi - lo) / (nGrid - 1);
  let bestX = lo;
  let bestV = g(lo);
  let bestI = 0;
  for (let i = 1; i < nGrid; i++) {
    const x = i === nGrid - 1 ? hi : lo + i * h;
    const v = g(x);
    if (v > bestV) {
      bestV = v;
      bestX = x;
      bestI = i;
    }
  }
  let a = bestI === 0 ? lo : lo + (bestI - 1) * h;
  let b = bestI === nGrid - 1 ? hi : lo + (bestI + 1) * h;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = g(c);
  let fd = g(d);
  while (b - a > tol) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = g(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = g(d);
    }
  }
  if (fc > bestV) {
    bestV = fc;
    bestX = c;
  }
  if (fd > bestV) {
    bestV = fd;
    bestX = d;
  }
  return { x: bestX, value: bestV };
}
