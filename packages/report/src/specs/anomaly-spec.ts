import type { TopLevelSpec } from 'vega-lite';
import { CHART_FRAME } from './chart-style.js';

export interface AnomalyPoint {
  readonly date: string;
  readonly distance: number;
  readonly percentile: number;
}

/**
 * The anomaly score over time: the distance of each day's market state as a
 * line, the 99th percentile of the training states' distances as a dashed
 * rule, and the days above it as red points.
 */
export function anomalySpec(points: readonly AnomalyPoint[], threshold: number, trainingDates: readonly [string, string]): TopLevelSpec {
  const above = points.filter((p) => p.distance > threshold);
  return {
    ...CHART_FRAME,
    layer: [
      {
        data: { values: [{ from: trainingDates[0], to: trainingDates[1] }] },
        mark: { type: 'rect', color: '#eef3f8' },
        encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' } },
      },
      {
        data: { values: points.map((p) => ({ date: p.date, distance: p.distance })) },
        mark: { type: 'line', strokeWidth: 1, color: '#4c78a8' },
        encoding: {
          x: { field: 'date', type: 'temporal', title: 'date (shaded: training states)', axis: { format: '%Y', tickCount: { interval: 'year' } } as unknown as Record<string, unknown> },
          y: { field: 'distance', type: 'quantitative', title: 'state distance (robust Mahalanobis)', scale: { zero: false } },
        },
      },
      {
        data: { values: [{ threshold, label: `99th percentile of training states (${threshold.toFixed(2)})` }] },
        mark: { type: 'rule', strokeDash: [5, 3], color: '#b22' },
        encoding: { y: { field: 'threshold', type: 'quantitative' } },
      },
      {
        data: { values: [{ threshold, label: `99th percentile of training states (${threshold.toFixed(2)})` }] },
        mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: '#b22', fontSize: 11 },
        encoding: { y: { field: 'threshold', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
      },
      {
        data: { values: above.map((p) => ({ date: p.date, distance: p.distance })) },
        mark: { type: 'point', filled: true, size: 18, color: '#d62728' },
        encoding: {
          x: { field: 'date', type: 'temporal' },
          y: { field: 'distance', type: 'quantitative' },
        },
      },
    ],
  } as TopLevelSpec;
}
