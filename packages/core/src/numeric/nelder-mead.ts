/**
 * Derivative-free minimisation of a function of a few real variables by the
 * Nelder–Mead simplex method, with the standard coefficients (reflection 1,
 * expansion 2, contraction ½, shrink ½) and the tie-breaking rules of Lagarias,
 * Reeds, Wright & Wright (1998), "Convergence properties of the Nelder–Mead
 * simplex method in low dimensions", SIAM J. Optim. 9(1), 112–147.
 *
 * Written here rather than taken from npm: the packages on offer (fmin 0.0.4,
 * optimization-js) are unmaintained and untyped, and the method is short. Used
 * on unconstrained (transformed) parameters: constraints belong in the
 * transform, and a non-finite objective value counts as +∞, so the simplex
 * simply moves away from where the objective is undefined.
 */

// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy and costs ~20× a log.
const { abs, max } = Math;

export interface NelderMeadOptions {
  /** Edge length of the initial simplex along each axis (one value for all, or one per axis). Default 0.5. */
  readonly initialStep?: number | ArrayLike<number>;
  /** Stop when every vertex is within this distance (max norm) of the best one... */
  readonly xTolerance?: number;
  /** ...and every vertex's value is within this of the best value. Default 1e-10 for both. */
  readonly fTolerance?: number;
  /** Most objective evaluations. Default 200 × (n + 1). */
  readonly maxEvaluations?: number;
}

export interface NelderMeadResult {
  /** Best point found. */
  readonly x: Float64Array;
  /** Objective at `x`. */
  readonly value: number;
  readonly evaluations: number;
  /** Whether both tolerances were met before `maxEvaluations`. */
  readonly converged: boolean;
}

/**
 * Minimises `f` starting from the simplex x0, x0 + h_i·e_i (i = 1..n). `f`
 * receives a scratch array that it must not keep. Deterministic: no random
 * choices.
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n < 1) throw new RangeError('nelderMead: x0 must have at least one coordinate');
  const xTol = options.xTolerance ?? 1e-10;
  const fTol = options.fTolerance ?? 1e-10;
  const maxEvals = options.maxEvaluations ?? 200 * (n + 1);
  const step = options.initialStep ?? 0.5;

  const m = n + 1;
  const verts = new Float64Array(m * n);
  const vals = new Float64Array(m);
  const order = new Int32Array(m);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  let evals = 0;
  const evaluate = (x: Float64Array): number => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) verts[i * n + j] = x0[j];
    if (i > 0) verts[i * n + i - 1] += typeof step === 'number' ? step : step[i - 1];
    vals[i] = evaluate(verts.subarray(i * n, i * n + n));
    order[i] = i;
  }

  /** Insertion sort of vertex indices by value; a stable sort keeps older vertices first on ties (Lagarias et al.). */
  const sortOrder = (): void => {
    for (let i = 1; i < m; i++) {
      const k = order[i];
      let j = i - 1;
      while (j >= 0 && vals[order[j]] > vals[k]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = k;
    }
  };
  const replaceWorst = (x: Float64Array, v: number): void => {
    const w = order[n];
    verts.set(x, w * n);
    vals[w] = v;
  };

  let converged = false;
  sortOrder();
  while (evals < maxEvals) {
    const best = order[0];
    let spreadX = 0;
    let spreadF = 0;
    for (let i = 1; i < m; i++) {
      const k = order[i];
      spreadF = max(spreadF, abs(vals[k] - vals[best]));
      for (let j = 0; j < n; j++) spreadX = max(spreadX, abs(verts[k * n + j] - verts[best * n + j]));
    }
    if (spreadX <= xTol && spreadF <= fTol) {
      converged = true;
      break;
    }

    const worst = order[n];
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const k = order[i];
      for (let j = 0; j < n; j++) centroid[j] += verts[k * n + j] / n;
    }
    for (let j = 0; j < n; j++) xr[j] = 2 * centroid[j] - verts[worst * n + j];
    const fr = evaluate(xr);
    const fBest = vals[best];
    const fSecondWorst = vals[order[n - 1]];
    const fWorst = vals[worst];

    if (fr < fBest) {
      for (let j = 0; j < n; j++) xe[j] = 3 * centroid[j] - 2 * verts[worst * n + j];
      const fe = evaluate(xe);
      if (fe < fr) replaceWorst(xe, fe);
      else replaceWorst(xr, fr);
    } else if (fr < fSecondWorst) {
      replaceWorst(xr, fr);
    } else {
      // Contraction: outside (towards the reflected point) when it beat the worst, inside otherwise.
      const outside = fr < fWorst;
      for (let j = 0; j < n; j++) {
        xc[j] = outside ? 1.5 * centroid[j] - 0.5 * verts[worst * n + j] : 0.5 * centroid[j] + 0.5 * verts[worst * n + j];
      }
      const fc = evaluate(xc);
      if (outside ? fc <= fr : fc < fWorst) {
        replaceWorst(xc, fc);
      } else {
        // Shrink every vertex halfway towards the best.
        for (let i = 1; i < m; i++) {
          const k = order[i];
          for (let j = 0; j < n; j++) verts[k * n + j] = 0.5 * (verts[k * n + j] + verts[best * n + j]);
          vals[k] = evaluate(verts.subarray(k * n, k * n + n));
        }
      }
    }
    sortOrder();
  }

  const b = order[0];
  return { x: verts.slice(b * n, b * n + n), value: vals[b], evaluations: evals, converged };
}
