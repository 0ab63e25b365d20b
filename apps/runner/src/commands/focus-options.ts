import { InvalidArgumentError, Option } from 'commander';
import { parseRegimeSpec } from '@tailforge/scenarios';
import type { FocusConfig, LossSpec } from '@tailforge/engine';
import { isoDate } from '../options.js';

/**
 * The run options of stressed conditioning, tail-focused sampling and the
 * reverse stress test (all need a cgan, `--model-dir`), and their parsers.
 */

export function lossSpec(value: string): LossSpec {
  const v = value.trim();
  const n = Number(v);
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) || !(n > 0) || !Number.isFinite(n)) {
    throw new InvalidArgumentError(`expected a loss: an amount of money (e.g. 250000) or a fraction of the portfolio value below 1 (e.g. 0.2), got "${value}"`);
  }
  return n < 1 ? { fraction: n } : { amount: n };
}

export function regimeSpec(value: string): string {
  try {
    return parseRegimeSpec(value).label;
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function focusOptions(): Option[] {
  return [
    new Option('--stress-state <date>', 'also run from the model state as of this date (YYYY-MM-DD, e.g. 1998-08-31) beside the latest state; needs a cgan (--model-dir)').argParser(isoDate),
    new Option('--regime <spec>', 'also run from a historical state quantile beside the latest state: p1..p99 (percentile of market volatility) or median; needs a cgan').argParser(regimeSpec),
    new Option('--tail-focus', 'tail-focused importance sampling in the cgan\'s latent space (shifted latent mean, exact likelihood-ratio weights): far smaller errors of VaR / ES at high confidence'),
    new Option('--reverse-stress <loss>', 'reverse stress test: the most plausible cgan scenario losing at least this much: money (250000) or a fraction of the value (0.2)').argParser(lossSpec),
  ];
}

/** What the focus options put into a run's config. */
export function focusConfig(opts: { stressState?: string; regime?: string; tailFocus?: boolean; reverseStress?: LossSpec }): FocusConfig {
  return {
    ...(opts.stressState !== undefined ? { stressState: opts.stressState } : {}),
    ...(opts.regime !== undefined ? { regime: opts.regime } : {}),
    ...(opts.tailFocus ? { tailFocus: true } : {}),
    ...(opts.reverseStress !== undefined ? { reverseStress: opts.reverseStress } : {}),
  };
}
