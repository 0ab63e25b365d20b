const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2π)

/**
 * Standard normal density: φ(x) = exp(−x² / 2) / sqrt(2π).
 *
 * @param x any number (±Infinity gives 0, NaN gives NaN)
 * @example
 * normalPdf(0); // => 0.3989422804014327
 */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
