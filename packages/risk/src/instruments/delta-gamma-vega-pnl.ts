/**
 * Delta-gamma-vega approximation of an option position's P&L for a move of
 * the underlying and of its implied volatility, the second-order Taylor
 * expansion in the spot and first order in the volatility:
 *
 *   ΔV ≈ Δ · ΔS + ½ Γ · ΔS² + ν · Δσ
 *
 * with Δ, Γ, ν the position's greeks at today's state (e.g. `bsmDelta`,
 * `bsmGamma`, `bsmVega` times quantity × multiplier), ΔS the change of the
 * underlying's price and Δσ the change of implied volatility in the units of
 * ν (per unit of volatility: 0.01 for one vol point). The passage of time
 * (theta) and the cross term ∂²V/∂S∂σ are left out; the error is of order
 * ΔS³, ΔS·Δσ and Δσ², so the approximation is a reference for small moves,
 * not a substitute for full revaluation (`bsmPrice`) in the tail.
 *
 * @param delta position delta Δ (finite)
 * @param gamma position gamma Γ (finite)
 * @param vega position vega ν (finite)
 * @param spotChange ΔS (finite)
 * @param volChange Δσ (finite, default 0)
 * @throws {RangeError} on a non-finite argument
 * @example
 * deltaGammaVegaPnl(0.5, 0.04, 20, 2, 0.01); // => 0.5·2 + 0.5·0.04·4 + 20·0.01 = 1.28
 */
export function deltaGammaVegaPnl(delta: number, gamma: number, vega: number, spotChange: number, volChange = 0): number {
  for (const [name, v] of [
    ['delta', delta],
    ['gamma', gamma],
    ['vega', vega],
    ['spotChange', spotChange],
    ['volChange', volChange],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${String(v)}`);
  }
  return delta * spotChange + 0.5 * gamma * spotChange * spotChange + vega * volChange;
}
