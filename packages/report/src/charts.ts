import type { TopLevelSpec } from 'vega-lite';

/** Histogram bins in plain arrays, as the chart specs take them. */
export interface Bins {
  readonly edges: ArrayLike<number>;
  readonly counts: ArrayLike<number>;
}

export interface Marker {
  readonly value: number;
  readonly label: string;
  readonly color: string;
  readonly dash?: boolean;
}

const WIDTH = 640;
const HEIGHT = 220;

/** A histogram (bars from bin edges) with labelled vertical rules. */
/** `labelSide` puts marker labels left or right of their rule: left for markers in a left tail. */
export function histogramSpec(
  bins: Bins,
  markers: readonly Marker[],
  xTitle: string,
  yTitle: string,
  xFormat: string,
  labelSide: 'left' | 'right' = 'right',
): TopLevelSpec {
  const bars = [];
  for (let i = 0; i < bins.counts.length; i++) {
    bars.push({ x0: bins.edges[i], x1: bins.edges[i + 1], count: bins.counts[i] });
  }
  const rules = markers.map((m, i) => ({ ...m, row: i }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    config: { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, view: { stroke: null } },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'rect', color: '#4c78a8', opacity: 0.85 },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: xTitle, axis: { format: xFormat } },
          x2: { field: 'x1' },
          y: { field: 'count', type: 'quantitative', title: yTitle },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          color: { field: 'color', type: 'nominal', scale: null },
          strokeDash: { field: 'dash', type: 'nominal', scale: { domain: [false, true], range: [[1, 0], [5, 3]] }, legend: null },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'text', align: labelSide === 'right' ? 'left' : 'right', dx: labelSide === 'right' ? 4 : -4, baseline: 'top', fontSize: 11 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          y: { value: { expr: `12 + 14 * datum.row` } as unknown as number },
          text: { field: 'label' },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
    ],
  } as TopLevelSpec;
}
