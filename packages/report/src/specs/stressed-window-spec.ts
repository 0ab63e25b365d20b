import type { TopLevelSpec } from 'vega-lite';
import { CHART_FRAME } from './chart-style.js';

export interface StressedWindowChart {
  /** Dates and values of today's positions valued over the price history. */
  readonly dates: readonly string[];
  readonly value: ArrayLike<number>;
  /** The stressed period's first and last day. */
  readonly from: string;
  readonly to: string;
  /** Legend label of the shaded period, e.g. "stressed period (10-day 99% VaR)". */
  readonly label: string;
}

/** At most this many points on the line (every k-th day, the last always kept): about weekly over 10 years, and the SVG renders in a few tens of ms. */
const MAX_POINTS = 400;

/**
 * Today's portfolio valued over the price history (a line) with the stressed
 * period shaded: where the regulatory view's calibration period lies.
 */
export function stressedWindowSpec(c: StressedWindowChart): TopLevelSpec {
  const n = c.dates.length;
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const line: Array<{ date: string; value: number }> = [];
  for (let i = 0; i < n; i += step) line.push({ date: c.dates[i], value: c.value[i] });
  if ((n - 1) % step !== 0) line.push({ date: c.dates[n - 1], value: c.value[n - 1] });
  return {
    ...CHART_FRAME,
    layer: [
      {
        data: { values: [{ from: c.from, to: c.to, label: c.label }] },
        mark: { type: 'rect', opacity: 0.25 },
        encoding: {
          x: { field: 'from', type: 'temporal' },
          x2: { field: 'to' },
          color: { field: 'label', type: 'nominal', title: null, scale: { range: ['#e45756'] }, legend: { orient: 'top-left', labelLimit: 400 } },
        },
      },
      {
        data: { values: line },
        mark: { type: 'line', color: '#4c78a8', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y' } },
          y: { field: 'value', type: 'quantitative', title: "today's positions, value", axis: { format: '~s' }, scale: { zero: false } },
        },
      },
    ],
  } as TopLevelSpec;
}
