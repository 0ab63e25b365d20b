import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_WIDTH, VL_SCHEMA } from './chart-style.js';

export interface IndexBar {
  readonly job: string;
  readonly varPct: number;
  readonly esPct: number;
}

/** Horizontal bars of VaR and ES (fractions of value) per job, largest VaR first. */
export function indexSpec(bars: readonly IndexBar[], confidenceLabel: string): TopLevelSpec {
  const rows = bars.flatMap((b) => [
    { job: b.job, measure: `VaR ${confidenceLabel}`, value: b.varPct, sortKey: b.varPct },
    { job: b.job, measure: `ES ${confidenceLabel}`, value: b.esPct, sortKey: b.varPct },
  ]);
  return {
    $schema: VL_SCHEMA,
    width: CHART_WIDTH - 160,
    height: { step: 9 },
    config: CHART_CONFIG,
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'job', type: 'nominal', title: null, sort: { field: 'sortKey', order: 'descending' } },
      yOffset: { field: 'measure' },
      x: { field: 'value', type: 'quantitative', title: 'loss over the horizon, fraction of portfolio value', axis: { format: '.1%' } },
      color: { field: 'measure', type: 'nominal', title: null, scale: { range: ['#e45756', '#f2a39f'] }, sort: 'descending' },
    },
  } as TopLevelSpec;
}
