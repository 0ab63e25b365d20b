import type { TopLevelSpec } from 'vega-lite';

/**
 * Realised P&L (bars; exceptions in red) against each model's VaR forecast
 * drawn as −VaR lines, so a bar below a line is an exception for that model.
 */
export function backtestChartSpec(
  dates: readonly string[],
  realized: Float64Array,
  lines: ReadonlyArray<{ model: string; var: Float64Array }>,
  confidenceLabel: string,
): TopLevelSpec {
  const bars = dates.map((d, i) => ({ date: d, pnl: realized[i], exception: lines.some((l) => -realized[i] > l.var[i]) }));
  const series = lines.flatMap((l) => dates.map((d, i) => ({ date: d, value: -l.var[i], model: `${l.model} −VaR ${confidenceLabel}` })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: 260,
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: null } },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', width: 2 },
        encoding: {
          x: { field: 'date', type: 'temporal', title: 'forecast date' },
          y: { field: 'pnl', type: 'quantitative', title: 'P&L', axis: { format: '~s' } },
          color: { field: 'exception', type: 'nominal', scale: { domain: [false, true], range: ['#9ecae9', '#e45756'] }, legend: { title: 'exception' } },
        },
      },
      {
        data: { values: series },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'date', type: 'temporal' },
          y: { field: 'value', type: 'quantitative' },
          stroke: { field: 'model', type: 'nominal', legend: { title: 'forecast', labelLimit: 320 } },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
