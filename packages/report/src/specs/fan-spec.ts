import type { TopLevelSpec } from 'vega-lite';
import type { ValueBands } from '@tailforge/risk';
import { CHART_FRAME } from './chart-style.js';

const BAND_COLORS = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6'];

const label = (q: number): string => `${+(q * 100).toFixed(1)}%`;

/**
 * Fan chart: for each pair of probabilities (q, 1 − q) taken from the
 * outside in, a shaded band between the day-wise quantiles; the median (when
 * 0.5 is among the probabilities) as a line; today's value as a dashed rule.
 */
export function fanSpec(bands: ValueBands, initialValue: number): TopLevelSpec {
  const { probs, horizon, quantiles } = bands;
  const P = probs.length;
  const areas: Array<{ day: number; band: string; lo: number; hi: number }> = [];
  const domain: string[] = [];
  for (let k = 0; k < Math.floor(P / 2); k++) {
    const band = `${label(probs[k])}–${label(probs[P - 1 - k])}`;
    domain.push(band);
    for (let t = 0; t <= horizon; t++) areas.push({ day: t, band, lo: quantiles[t * P + k], hi: quantiles[t * P + P - 1 - k] });
  }
  const mid = probs.indexOf(0.5);
  const median = mid < 0 ? [] : Array.from({ length: horizon + 1 }, (_, t) => ({ day: t, value: quantiles[t * P + mid] }));
  return {
    ...CHART_FRAME,
    layer: [
      {
        data: { values: areas },
        mark: { type: 'area', opacity: 1 },
        encoding: {
          x: { field: 'day', type: 'quantitative', title: 'trading days ahead', axis: { tickMinStep: 1, format: 'd' } },
          y: { field: 'lo', type: 'quantitative', title: 'portfolio value', scale: { zero: false }, axis: { format: '~s' } },
          y2: { field: 'hi' },
          color: { field: 'band', type: 'nominal', title: 'quantile band', scale: { domain, range: BAND_COLORS.slice(0, domain.length) } },
          order: { field: 'band', sort: 'ascending' },
        },
      },
      ...(median.length > 0
        ? [
            {
              data: { values: median },
              mark: { type: 'line' as const, color: '#08306b', strokeWidth: 2 },
              encoding: { x: { field: 'day', type: 'quantitative' as const }, y: { field: 'value', type: 'quantitative' as const } },
            },
          ]
        : []),
      {
        data: { values: [{ value: initialValue }] },
        mark: { type: 'rule', color: '#555', strokeDash: [4, 3] },
        encoding: { y: { field: 'value', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
