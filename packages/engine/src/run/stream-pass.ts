import { PathStoreReader, type PathSet } from '@tailforge/scenarios';
import { simulatePortfolio, type PathCube, type PortfolioSimulation, type SimulatePortfolioOptions } from '@tailforge/risk';

/**
 * The portfolio pass of {@link simulatePortfolio} over a path store, one
 * chunk of paths in memory at a time: the per-path results (P&L, drawdowns,
 * P&L at the horizons, position P&L) are what is kept, never the paths.
 * Results equal simulatePortfolio over the whole set (per-path arithmetic
 * does not depend on the chunking).
 */
export async function simulateOverStore(
  storeFile: string,
  exposures: Float64Array,
  options: Omit<SimulatePortfolioOptions, 'keepValuePaths'> & {
    chunkPaths?: number;
    onChunk?: (chunk: PathSet) => void;
    /** Values a chunk instead of simulatePortfolio on the exposures (a book: see `simulateBook`), `width` position P&L columns per path. */
    simulate?: (cube: PathCube) => PortfolioSimulation & { approximatePnl?: Float64Array };
    width?: number;
  } = {},
): Promise<PortfolioSimulation & { weights?: Float64Array; approximatePnl?: Float64Array }> {
  const reader = await PathStoreReader.open(storeFile);
  try {
    const { nPaths: N, horizon: H, nAssets, weighted } = reader.header;
    const A = options.width ?? nAssets;
    let approximatePnl: Float64Array | undefined;
    const horizons = options.horizons ?? [];
    const pnl = new Float64Array(N);
    const maxDrawdown = new Float64Array(N);
    const pnlByHorizon = horizons.map(() => new Float64Array(N));
    const positionPnl = options.keepPositionPnl ? new Float64Array(N * A) : undefined;
    const detail = options.drawdownDetail
      ? { maxDrawdown, drawdownDuration: new Float64Array(N), timeToRecovery: new Float64Array(N), recovered: new Uint8Array(N) }
      : undefined;
    const weights = weighted ? new Float64Array(N) : undefined;
    let initialValue = 0;
    for await (const c of reader.chunks(options.chunkPaths ?? 20_000)) {
      const cube = { values: c.values, nPaths: c.nPaths, horizon: H, nAssets };
      const s: PortfolioSimulation & { approximatePnl?: Float64Array } = options.simulate
        ? options.simulate(cube)
        : simulatePortfolio(cube, exposures, { horizons, keepPositionPnl: options.keepPositionPnl, drawdownDetail: options.drawdownDetail, drawdownBase: options.drawdownBase });
      if (s.approximatePnl) (approximatePnl ??= new Float64Array(N)).set(s.approximatePnl, c.firstPath);
      initialValue = s.initialValue;
      const at = c.firstPath;
      pnl.set(s.pnl, at);
      maxDrawdown.set(s.maxDrawdown, at);
      s.pnlByHorizon?.forEach((h, i) => pnlByHorizon[i].set(h, at));
      if (positionPnl && s.positionPnl) positionPnl.set(s.positionPnl, at * A);
      if (detail && s.drawdownDetail) {
        detail.drawdownDuration.set(s.drawdownDetail.drawdownDuration, at);
        detail.timeToRecovery.set(s.drawdownDetail.timeToRecovery, at);
        detail.recovered.set(s.drawdownDetail.recovered, at);
      }
      if (weights && c.weights) weights.set(c.weights, at);
      options.onChunk?.({ ...reader.header, symbols: [...reader.header.symbols], values: c.values, nPaths: c.nPaths, ...(c.weights ? { weights: c.weights } : {}) });
    }
    return {
      initialValue,
      pnl,
      maxDrawdown,
      ...(horizons.length > 0 ? { pnlByHorizon } : {}),
      ...(positionPnl ? { positionPnl } : {}),
      ...(detail ? { drawdownDetail: detail } : {}),
      ...(weights ? { weights } : {}),
      ...(approximatePnl ? { approximatePnl } : {}),
    };
  } finally {
    await reader.close();
  }
}
