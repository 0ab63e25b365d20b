// Gauss–Legendre quadrature for test oracles: nodes by Newton's method on the
// Legendre polynomial P_n (three-term recurrence), weights 2 / ((1 − x²) P_n'(x)²).

/** Nodes and weights of the n-point rule on [−1, 1]. */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)); // Tricomi's initial guess
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/** ∫_a^b f by composite n-point Gauss–Legendre on `panels` equal panels. */
export function integrate(f: (t: number) => number, a: number, b: number, panels = 20, n = 20): number {
  const { x, w } = gaussLegendre(n);
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    for (let i = 0; i < n; i++) sum += w[i] * f(mid + 0.5 * h * x[i]);
  }
  return 0.5 * h * sum;
}
