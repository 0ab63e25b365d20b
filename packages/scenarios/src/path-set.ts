/**
 * Scenario paths with what produced them. Layout as everywhere in tailforge:
 * `values[(p * horizon + t) * nAssets + a]` is the log return of asset `a` on
 * step `t` of path `p`. Structurally a risk-package `PathCube`.
 */
export interface PathSet {
  readonly values: Float32Array;
  readonly nPaths: number;
  readonly horizon: number;
  readonly nAssets: number;
  readonly symbols: readonly string[];
  /** Importance weights per path (tail sampling); absent means equal weights. */
  readonly weights?: Float64Array;
  readonly modelId: string;
  readonly modelName: string;
  readonly seed: number;
  /** Label of the conditioning state the paths started from. */
  readonly state?: string;
}
