import type { TopLevelSpec } from 'vega-lite';

// Vega and Vega-Lite are imported on first use: together they cost about 0.8 s of
// CPU to load, which every command that writes no chart (help, queue, history) would pay.
// One after the other: jest's ESM loader fails on two concurrent imports sharing modules.
let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadLibraries = async (): Promise<[typeof import('vega'), typeof import('vega-lite')]> => {
  const vega = await import('vega');
  return [vega, await import('vega-lite')];
};

/**
 * Renders a Vega-Lite spec to a standalone SVG string, headless (no DOM, no
 * canvas, no network): the report embeds the SVG inline.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  libraries ??= loadLibraries();
  const [vega, { compile }] = await libraries;
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
