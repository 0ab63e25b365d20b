import type { LatentObjective } from './latent-objective.js';

export interface SphereMax {
  /** The point found, |z| = radius. */
  readonly z: Float64Array;
  /** Objective value at z and its gradient. */
  readonly value: number;
  readonly grad: Float64Array;
  readonly iterations: number;
  /** cos(z, ∇f(z)): 1 at a critical point of f on the sphere. */
  readonly alignment: number;
}

export const dot = (x: Float64Array, y: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
};

/**
 * Maximises the objective on the sphere |z| = ρ by projected gradient
 * ascent from `start` (any non-zero vector; it is projected first):
 *
 *   z ← ρ·(z + s·ρ·ĝ) / |z + s·ρ·ĝ|,   ĝ = ∇f(z)/|∇f(z)|,
 *
 * a step is kept only when f increases (else s halves; after a kept step s
 * grows by half again, up to 1), until cos(z, ∇f(z)) > 1 − tolerance, s <
 * 1e-4 or `maxIterations`. Monotone, so it is robust on the generator's
 * piecewise-linear (leaky ReLU) surface, where Newton-type steps zig-zag.
 */
export function maximiseOnSphere(
  f: Pick<LatentObjective, 'valueAndGrad'>,
  radius: number,
  start: Float64Array,
  options: { maxIterations?: number; tolerance?: number } = {},
): SphereMax {
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-6;
  const project = (x: Float64Array): Float64Array => {
    const n = Math.sqrt(dot(x, x));
    return x.map((v) => (v * radius) / n);
  };
  let z = project(start);
  let cur = f.valueAndGrad(z);
  let step = 0.5;
  let alignment = 0;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gn = Math.sqrt(dot(cur.grad, cur.grad));
    alignment = gn > 0 ? dot(z, cur.grad) / (gn * radius) : 1;
    if (alignment > 1 - tolerance || step < 1e-4) break;
    const next = project(z.map((v, j) => v + (step * radius * cur.grad[j]) / gn));
    const cand = f.valueAndGrad(next);
    if (cand.value > cur.value) {
      z = next;
      cur = cand;
      step = Math.min(1, step * 1.5);
    } else step /= 2;
  }
  return { z, value: cur.value, grad: cur.grad, iterations, alignment };
}
