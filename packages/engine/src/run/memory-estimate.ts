import { totalmem } from 'node:os';
import { InputError } from '@tailforge/core';

/**
 * Bytes a run holds at its peak, estimated before any path is generated:
 * the paths in memory (paths × horizon × assets × 4 bytes, Float32) unless
 * they stream through a path store, plus the per-path arrays of the risk
 * pass (Float64: P&L, maximum drawdown, drawdown detail (3), path weights,
 * each asset's P&L, each reported horizon's P&L), plus a sorted copy of the
 * P&L for the quantiles, plus 64 MiB of everything else.
 *
 * @example
 * estimateRunBytes({ paths: 50_000_000, horizon: 10, assets: 2, horizons: 2, streamed: false });
 * // => 50e6·10·2·4 + 50e6·8·(2 + 3 + 1 + 2 + 2 + 1) + 64 MiB ≈ 8.5 GB
 */
export function estimateRunBytes(r: { paths: number; horizon: number; assets: number; horizons: number; streamed: boolean }): number {
  const pathValues = r.streamed ? 0 : r.paths * r.horizon * r.assets * 4;
  const perPath = r.paths * 8 * (2 + 3 + 1 + r.assets + r.horizons + 1);
  return pathValues + perPath + 64 * 1024 * 1024;
}

/** The default memory limit of a run: half the machine's RAM. */
export function defaultMaxMemory(): number {
  return Math.floor(totalmem() / 2);
}

export const formatBytes = (b: number): string =>
  b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GiB` : b >= 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(0)} MiB` : `${Math.ceil(b / 1024)} KiB`;

/**
 * Refuses (InputError, exit 2) a run whose estimate exceeds `limit` bytes,
 * naming the estimate and what to do: stream the paths through a path store
 * (when they are in memory), fewer paths, or a higher `--max-memory`.
 */
export function checkRunMemory(r: Parameters<typeof estimateRunBytes>[0], limit: number = defaultMaxMemory()): void {
  const need = estimateRunBytes(r);
  if (need <= limit) return;
  const streamedNeed = estimateRunBytes({ ...r, streamed: true });
  const hint = !r.streamed && streamedNeed <= limit
    ? `add --path-store FILE to stream the paths through a file (then about ${formatBytes(streamedNeed)})`
    : `use fewer --paths (about ${Math.max(1, Math.floor((r.paths * limit) / need)).toLocaleString('en-US')} fit)`;
  throw new InputError(
    `${r.paths.toLocaleString('en-US')} paths × ${r.horizon} days × ${r.assets} assets need about ${formatBytes(need)}, more than the limit of ${formatBytes(limit)} ` +
      `(--max-memory, default half the machine's RAM): ${hint}, or raise --max-memory if the machine has the memory`,
  );
}
