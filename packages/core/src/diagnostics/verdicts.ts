import type { WindowErrors } from './model-card.js';

/**
 * Verdict per metric of a candidate model against the best baseline on the
 * same real windows: `ok` when the candidate's error is at most
 * max(factor × best baseline's, best baseline's + slack), else `warn`. The
 * threshold is stored next to the verdict so a reader sees the rule.
 */
export interface MetricVerdict {
  readonly metric: keyof WindowErrors;
  readonly value: number;
  readonly bestBaseline: string;
  readonly baselineValue: number;
  /** The largest value that is still `ok`. */
  readonly threshold: number;
  readonly rule: string;
  readonly verdict: 'ok' | 'warn';
}

/** Metrics judged, with (factor, absolute slack): errors are "lower is better". */
export const VERDICT_RULES: readonly { metric: keyof WindowErrors; factor: number; slack: number }[] = [
  { metric: 'w1Scaled', factor: 1.1, slack: 0.01 },
  { metric: 'q01Error', factor: 1.1, slack: 0.001 },
  { metric: 'q99Error', factor: 1.1, slack: 0.001 },
  { metric: 'stdLogRatio', factor: 1.1, slack: 0.02 },
  { metric: 'acfError1to5', factor: 1.1, slack: 0.01 },
  { metric: 'acfAbsError1to5', factor: 1.1, slack: 0.01 },
  { metric: 'leverageError1to5', factor: 1.1, slack: 0.01 },
  { metric: 'correlationMae', factor: 1.1, slack: 0.01 },
  { metric: 'portfolioW1', factor: 1.1, slack: 0.002 },
];

export function metricVerdicts(models: readonly { name: string; errors: WindowErrors }[], candidate: string): MetricVerdict[] {
  const c = models.find((m) => m.name === candidate);
  const baselines = models.filter((m) => m.name !== candidate);
  if (c === undefined || baselines.length === 0) return [];
  return VERDICT_RULES.map(({ metric, factor, slack }) => {
    const value = c.errors[metric] as number;
    let best = baselines[0];
    for (const b of baselines) if ((b.errors[metric] as number) < (best.errors[metric] as number)) best = b;
    const bv = best.errors[metric] as number;
    const threshold = Math.max(factor * bv, bv + slack);
    return {
      metric,
      value,
      bestBaseline: best.name,
      baselineValue: bv,
      threshold,
      rule: `ok if ≤ max(${factor} × best baseline, best baseline + ${slack})`,
      verdict: value <= threshold ? 'ok' : 'warn',
    };
  });
}
