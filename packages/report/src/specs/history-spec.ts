import type { TopLevelSpec } from 'vega-lite';
import { CHART_FRAME } from './chart-style.js';

export interface HistoryPoint {
  /** ISO time of the run. */
  readonly runAt: string;
  readonly confidence: number;
  readonly varPct: number;
  readonly esPct: number;
}

/**
 * VaR (solid) and ES (dashed) as a fraction of the portfolio value, one line
 * per confidence level, over the runs of a series.
 */
export function historySpec(points: readonly HistoryPoint[]): TopLevelSpec {
  const rows = points.flatMap((p) => {
    const level = `${+(p.confidence * 100).toFixed(2)}%`;
    return [
      { runAt: p.runAt, measure: 'VaR', level, value: p.varPct },
      { runAt: p.runAt, measure: 'ES', level, value: p.esPct },
    ];
  });
  return {
    ...CHART_FRAME,
    data: { values: rows },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'runAt', type: 'temporal', title: 'run', axis: { format: '%Y-%m-%d %H:%M', labelAngle: -30 } },
      y: { field: 'value', type: 'quantitative', title: 'loss, fraction of portfolio value', axis: { format: '.1%' }, scale: { zero: false } },
      color: { field: 'level', type: 'nominal', title: 'confidence' },
      strokeDash: { field: 'measure', type: 'nominal', title: 'measure', scale: { domain: ['VaR', 'ES'], range: [[1, 0], [5, 3]] }, legend: { symbolType: 'stroke', symbolStrokeColor: '#333' } },
      detail: [{ field: 'level' }, { field: 'measure' }],
    },
  } as TopLevelSpec;
}
