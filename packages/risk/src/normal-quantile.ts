/**
 * Inverse of the standard normal CDF: z = Φ⁻¹(p), so P(Z <= z) = p for Z ~ N(0, 1).
 *
 * Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988):
 * rational approximations of degree 7 on three ranges of p, relative accuracy
 * about 1e-16. simple-statistics' `probit` goes through an approximate inverse
 * error function and is only good to a few digits, too coarse for test oracles.
 *
 * Φ⁻¹(0) = −Infinity and Φ⁻¹(1) = +Infinity. For p near 1 the result is
 * limited by the spacing of doubles near 1 (1 − p loses digits), not by the
 * approximation.
 *
 * @param p probability in [0, 1]
 * @throws {RangeError} if p is NaN or outside [0, 1]
 * @example
 * normalQuantile(0.975); // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(`normalQuantile: p must be in [0, 1], got ${String(p)}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;

  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    // Central region: 0.075 <= p <= 0.925.
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
          4.5921953931549871457e4) *
          r +
          1.3731693765509461125e4) *
          r +
          1.9715909503065514427e3) *
          r +
          1.3314166789178437745e2) *
          r +
          3.3871328727963666080e0)) /
      (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.8718700749205790830e2) *
        r +
        4.2313330701600911252e1) *
        r +
        1)
    );
  }

  // Tails: work with r = sqrt(−ln(min(p, 1 − p))).
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    // Intermediate tail: down to p ≈ 1.4e-11.
    r -= 1.6;
    z =
      (((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258e0) *
        r +
        3.64784832476320460504e0) *
        r +
        5.7694972214606914055e0) *
        r +
        4.6303378461565452959e0) *
        r +
        1.42343711074968357734e0) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494e0) *
        r +
        2.05319162663775882187e0) *
        r +
        1);
  } else {
    // Far tail.
    r -= 5;
    z =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358e0) *
        r +
        5.4637849111641143699e0) *
        r +
        6.6579046435011037772e0) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.48753612908506148525e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
        1);
  }
  return q < 0 ? -z : z;
}
