// Bound once at module level: under jest 30 every global `Math` lookup goes through a proxy.
const { abs: M_abs, max: M_max } = Math;

/**
 * The autoregressive mean of the cgan's filter (state-features.ts), per asset a:
 *
 *   r_t = d_a + Σ_{j=1..p} φ_{a,j}·(r_{t−j} − d_a) + ε_t,   ε_t = σ_t·z_t,
 *
 * d_a the training mean, ε the AR residual that the GJR-GARCH variance and the
 * GAN's innovations are about. Deviations r − d before the first day of a
 * series (or of a generated path) count as 0: a series starts from its mean.
 *
 * Fit (`fitArMean`): the target is the autocorrelation function of r at lags
 * 1..p, the statistic a user compares (acf.ts), not a forecasting fit. Per lag
 * k, the sample autocorrelations ρ̂_{a,k} = Σ_t x_t·x_{t−k} / Σ_t x_t² (x = r − d)
 * are shrunk toward 0 by how much of them is sampling noise, with the noise's
 * (co)variances under no autocorrelation estimated robustly to volatility
 * clustering, cov(ρ̂_a, ρ̂_b) ≈ Σ_t g_{a,t}·g_{b,t}, g_{a,t} = x_{a,t}·x_{a,t−k} / Σ_t x_{a,t}²
 * (the heteroskedasticity-consistent form; 1/T for i.i.d. returns):
 *
 *   cross-asset mean m = mean_a ρ̂_a, noise variance V = mean_{a,b} cov(ρ̂_a, ρ̂_b),
 *   m̃ = m·max(0, 1 − V/m²)                     (signal share of m², as E[m²] = μ² + V),
 *   deviation d_a = ρ̂_a − m, noise v_a = var(ρ̂_a − m), signal τ² = max(0, mean_a d_a² − mean_a v_a),
 *   ρ_{a,k} = m̃ + τ²/(τ² + v_a)·d_a.
 *
 * φ_a then solves the Yule–Walker equations for ρ_{a,1..p} (Levinson–Durbin), so
 * the model's autocorrelations at lags 1..p are the shrunk sample ones. With
 * ~2000 days the noise sd of one ρ̂ is about 0.022 (more under volatility
 * clustering), about the size of the lag-2..5 autocorrelations of daily
 * index returns; the shrinkage keeps that noise out of the paths.
 */

/** Row-major A × p coefficients: φ_{a,j} at a·p + j − 1. */
export type ArCoefficients = Float64Array;

/**
 * φ of an AR(p) whose autocorrelations at lags 1..p are `rho` (Levinson–Durbin;
 * ρ_0 = 1). Undefined when they are not those of a stationary AR(p) (a partial
 * autocorrelation reaches ±1).
 */
export function yuleWalker(rho: ArrayLike<number>): Float64Array | undefined {
  const p = rho.length;
  let phi = new Float64Array(p);
  let err = 1;
  for (let k = 1; k <= p; k++) {
    let acc = rho[k - 1];
    for (let j = 1; j < k; j++) acc -= phi[j - 1] * rho[k - j - 1];
    const kappa = acc / err;
    if (!(M_abs(kappa) < 1)) return undefined;
    const next = new Float64Array(p);
    for (let j = 1; j < k; j++) next[j - 1] = phi[j - 1] - kappa * phi[k - j - 1];
    next[k - 1] = kappa;
    phi = next;
    err *= 1 - kappa * kappa;
  }
  return phi;
}

/**
 * Shrunk autocorrelations ρ_{a,k} (A × p, row-major) of T × A returns about
 * `mean` (see the module comment).
 */
export function shrunkAutocorrelations(values: ArrayLike<number>, T: number, A: number, mean: ArrayLike<number>, p: number): Float64Array {
  const x = new Float64Array(T * A);
  const ss = new Float64Array(A);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) {
      const v = values[t * A + a] - mean[a];
      x[t * A + a] = v;
      ss[a] += v * v;
    }
  }
  const out = new Float64Array(A * p);
  const rhoHat = new Float64Array(A), s2 = new Float64Array(A), cRow = new Float64Array(A), g = new Float64Array(A);
  for (let k = 1; k <= p; k++) {
    rhoHat.fill(0);
    s2.fill(0);
    cRow.fill(0);
    let V = 0;
    for (let t = k; t < T; t++) {
      let G = 0;
      for (let a = 0; a < A; a++) {
        const v = ss[a] > 0 ? (x[t * A + a] * x[(t - k) * A + a]) / ss[a] : 0;
        g[a] = v;
        G += v;
      }
      for (let a = 0; a < A; a++) {
        rhoHat[a] += g[a];
        s2[a] += g[a] * g[a];
        cRow[a] += g[a] * G; // Σ_b cov(ρ̂_a, ρ̂_b)
      }
      V += G * G;
    }
    V /= A * A;
    let m = 0;
    for (let a = 0; a < A; a++) m += rhoHat[a] / A;
    const mShrunk = m === 0 ? 0 : m * M_max(0, 1 - V / (m * m));
    let d2 = 0, vMean = 0;
    const v = new Float64Array(A);
    for (let a = 0; a < A; a++) {
      const d = rhoHat[a] - m;
      v[a] = M_max(0, s2[a] - (2 / A) * cRow[a] + V);
      d2 += (d * d) / A;
      vMean += v[a] / A;
    }
    const tau2 = M_max(0, d2 - vMean);
    for (let a = 0; a < A; a++) {
      const lambda = tau2 > 0 ? tau2 / (tau2 + v[a]) : 0;
      out[a * p + k - 1] = mShrunk + lambda * (rhoHat[a] - m);
    }
  }
  return out;
}

/**
 * φ per asset (A × p) of T × A returns about `mean`: Yule–Walker on the shrunk
 * autocorrelations. Where those are not a stationary AR(p)'s (not seen on
 * daily returns; possible on made-up series), they are halved until they are.
 */
export function fitArMean(values: ArrayLike<number>, T: number, A: number, mean: ArrayLike<number>, p: number): ArCoefficients {
  const rho = shrunkAutocorrelations(values, T, A, mean, p);
  const out = new Float64Array(A * p);
  for (let a = 0; a < A; a++) {
    let r = rho.slice(a * p, (a + 1) * p);
    let phi = yuleWalker(r);
    while (phi === undefined) {
      r = r.map((x) => x / 2);
      phi = yuleWalker(r);
    }
    out.set(phi, a * p);
  }
  return out;
}

/**
 * AR residuals ε_t = x_t − Σ_j φ_{a,j}·x_{t−j} of T × A returns, x = r − mean,
 * x before day 0 taken as 0; `ar` undefined or p = 0: ε = x.
 */
export function arResiduals(values: ArrayLike<number>, T: number, A: number, mean: ArrayLike<number>, ar: ArCoefficients | undefined): Float64Array {
  const p = ar === undefined ? 0 : ar.length / A;
  const eps = new Float64Array(T * A);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < A; a++) {
      let e = values[t * A + a] - mean[a];
      for (let j = 1; j <= p && j <= t; j++) e -= ar![a * p + j - 1] * (values[(t - j) * A + a] - mean[a]);
      eps[t * A + a] = e;
    }
  }
  return eps;
}
