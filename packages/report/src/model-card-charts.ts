import type { TopLevelSpec } from 'vega-lite';

/** Chart specs of the model card: lines by lag and grouped points, one colour per series (real, cgan, baselines). */

const WIDTH = 300;
const HEIGHT = 180;
const CONFIG = { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, view: { stroke: null } };
/** Real data black, the GAN blue, baselines orange and grey. */
const COLORS = { domain: ['real', 'cgan', 'bootstrap', 'gaussian'], range: ['#222222', '#4c78a8', '#f58518', '#9d9d9d'] };

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

/** One line per series over lags 1..n. */
export function lagLinesSpec(series: readonly Series[], yTitle: string): TopLevelSpec {
  const data = series.flatMap((s) => s.values.map((v, k) => ({ series: s.name, lag: k + 1, value: Number.isFinite(v) ? v : null })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    data: { values: data },
    mark: { type: 'line', point: { size: 18 } },
    encoding: {
      x: { field: 'lag', type: 'quantitative', title: 'lag (days)', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null, scale: COLORS },
    },
  } as TopLevelSpec;
}

/** Points per category (x) and series (colour), e.g. quantiles of a distribution or per-asset statistics. */
export function categoryPointsSpec(
  categories: readonly string[],
  series: readonly Series[],
  xTitle: string,
  yTitle: string,
  yFormat: string,
): TopLevelSpec {
  const data = series.flatMap((s) => s.values.map((v, i) => ({ series: s.name, category: categories[i], value: v })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: Math.max(WIDTH, 18 * categories.length),
    height: HEIGHT,
    config: CONFIG,
    data: { values: data },
    mark: { type: 'point', filled: true, size: 45, opacity: 0.85 },
    encoding: {
      x: { field: 'category', type: 'nominal', title: xTitle, sort: [...categories], axis: { labelAngle: categories.length > 8 ? -60 : 0 } },
      xOffset: { field: 'series', type: 'nominal', sort: COLORS.domain },
      y: { field: 'value', type: 'quantitative', title: yTitle, axis: { format: yFormat } },
      color: { field: 'series', type: 'nominal', title: null, scale: COLORS },
    },
  } as TopLevelSpec;
}
