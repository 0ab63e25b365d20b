import { InputError } from '@tailforge/core';

/** A quantile of the historical state distribution, as `--regime` names it. */
export interface RegimeSpec {
  /** q in (0, 1): p99 → 0.99, median → 0.5. */
  readonly quantile: number;
  /** The spec as written, normalised: `p99`, `p2.5`, `median`. */
  readonly label: string;
}

/**
 * Parses a regime spec: `pN` with 0 < N < 100 (decimals allowed: `p99.5`)
 * for the N-th percentile of the historical market-volatility states, or
 * `median` (= p50). Anything else is an InputError saying what is accepted.
 */
export function parseRegimeSpec(spec: string): RegimeSpec {
  const s = spec.trim().toLowerCase();
  if (s === 'median') return { quantile: 0.5, label: 'median' };
  const m = /^p(\d{1,2}(?:\.\d+)?)$/.exec(s);
  const n = m === null ? Number.NaN : Number(m[1]);
  if (!(n > 0 && n < 100)) {
    throw new InputError(`regime must be pN with 0 < N < 100 (a percentile of the historical volatility states, e.g. p99, p1, p97.5) or median, got "${spec}"`);
  }
  return { quantile: n / 100, label: `p${m![1]}` };
}
