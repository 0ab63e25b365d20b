import type { TopLevelSpec } from 'vega-lite';
import { CHART_FRAME } from './chart-style.js';

/** One model's per-day losses minus the reference's (same days as `dates`). */
export interface LossDifferenceSeries {
  readonly model: string;
  readonly difference: ArrayLike<number>;
}

/**
 * Cumulative loss difference Σ_{s<=t} (L_model,s − L_reference,s) of each
 * model against the reference, one line per model. Below zero: the model has
 * had the lower total loss so far; a steady downward slope is a model that
 * keeps beating the reference, a jump is one day that decided it.
 */
export function lossDifferenceSpec(dates: readonly string[], series: readonly LossDifferenceSeries[], reference: string, lossLabel: string): TopLevelSpec {
  const rows = series.flatMap((s) => {
    let c = 0;
    return dates.map((d, i) => {
      c += s.difference[i];
      return { date: d, model: s.model, value: c };
    });
  });
  return {
    ...CHART_FRAME,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'date', type: 'temporal', title: 'forecast date' },
          y: { field: 'value', type: 'quantitative', title: `cumulative ${lossLabel} − ${reference}` },
          stroke: { field: 'model', type: 'nominal', legend: { title: 'model' } },
        },
      },
      { data: { values: [{ y: 0 }] }, mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}
