import type { Rng } from './rng.js';

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { log, sqrt, pow } = Math;

/**
 * A Gamma(shape k, scale 1) draw (density x^(k−1) e^(−x) / Γ(k), mean k,
 * variance k) by Marsaglia & Tsang (2000), "A simple method for generating
 * gamma variables", ACM TOMS 26(3), 363–372: with d = k − ⅓, c = 1/√(9d),
 * x ~ N(0, 1) and v = (1 + c·x)³, accept d·v when v > 0 and
 * ln u < x²/2 + d − d·v + d·ln v (u uniform; the squeeze u < 1 − 0.0331·x⁴
 * skips the logs most of the time). Acceptance is above 95% for every k ≥ 1.
 * For k < 1 it uses Gamma(k) = Gamma(k + 1)·U^(1/k). Consumes a
 * data-dependent number of draws from `rng` (normals and uniforms).
 */
export function gammaSample(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gammaSample: shape must be positive and finite, got ${shape}`);
  if (shape < 1) {
    const g = gammaSample(rng, shape + 1);
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return g * pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (u > 0 && log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/** A chi-square draw with ν degrees of freedom (ν > 0, not necessarily whole): χ²_ν = 2·Gamma(ν/2, 1). */
export function chiSquareSample(rng: Rng, dof: number): number {
  return 2 * gammaSample(rng, dof / 2);
}
