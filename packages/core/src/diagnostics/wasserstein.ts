/**
 * Distances between one-dimensional samples through their empirical quantile
 * functions Q(u) = x_(⌈u·n⌉) (the lower, non-interpolated quantile, as VaR
 * uses; x_(i) the i-th smallest value, 1-based).
 */

/** Ascending copy as float64. */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(x as ArrayLike<number>);
  s.sort();
  return s;
}

/** Lower empirical quantile of an ascending sample: x_(⌈p·n⌉), and x_(1) for p = 0. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${p}`);
  const i = Math.max(1, Math.ceil(p * sorted.length - 1e-12));
  return sorted[Math.min(i, sorted.length) - 1];
}

/**
 * ∫_{u0}^{u1} |Q_a(u) − Q_b(u)| du for two ascending samples, exactly: both
 * quantile functions are step functions with steps at multiples of 1/n_a and
 * 1/n_b, so the integral is a finite sum over the merged steps.
 */
export function quantileL1(a: Float64Array, b: Float64Array, u0 = 0, u1 = 1): number {
  const na = a.length, nb = b.length;
  if (na === 0 || nb === 0) throw new RangeError('quantileL1 needs two non-empty samples');
  if (!(u0 >= 0 && u1 <= 1 && u0 <= u1)) throw new RangeError(`need 0 ≤ u0 ≤ u1 ≤ 1, got ${u0}, ${u1}`);
  // On (u, next], Q_a = a[i] with i = ⌈u·na⌉ − 1 (0-based) and likewise for b.
  let i = Math.min(na - 1, Math.floor(u0 * na));
  let j = Math.min(nb - 1, Math.floor(u0 * nb));
  let u = u0;
  let total = 0;
  while (u < u1) {
    const next = Math.min((i + 1) / na, (j + 1) / nb, u1);
    total += (next - u) * Math.abs(a[i] - b[j]);
    u = next;
    if (next >= (i + 1) / na && i < na - 1) i++;
    if (next >= (j + 1) / nb && j < nb - 1) j++;
  }
  return total;
}

/** Wasserstein-1 distance of two empirical distributions: W1 = ∫₀¹ |Q_a(u) − Q_b(u)| du. Inputs need not be sorted. */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return quantileL1(sortedCopy(a), sortedCopy(b));
}

/**
 * Tail Wasserstein distances of ascending samples: the mean absolute quantile
 * difference over the lower tail, (1/p)∫₀^p |Q_a − Q_b| du, and over the
 * upper tail, (1/p)∫_{1−p}^1 |Q_a − Q_b| du.
 */
export function tailWasserstein1(a: Float64Array, b: Float64Array, p: number): { lower: number; upper: number } {
  if (!(p > 0 && p <= 1)) throw new RangeError(`tail probability must be in (0, 1], got ${p}`);
  return { lower: quantileL1(a, b, 0, p) / p, upper: quantileL1(a, b, 1 - p, 1) / p };
}
