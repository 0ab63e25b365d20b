/** Size and look shared by the charts of the added report sections (the same as charts.ts uses). */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 220;
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  view: { stroke: null },
};

/** The head every report chart starts with: schema, size and look (spread it, then add `layer` or a mark). */
export const CHART_FRAME = { $schema: VL_SCHEMA, width: CHART_WIDTH, height: CHART_HEIGHT, config: CHART_CONFIG };
