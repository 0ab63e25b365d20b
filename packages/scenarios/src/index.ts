export type { PathSet } from './path-set.js';
export { generatePaths, type GenerateOptions } from './generate.js';
export { pathChunks, checkRequest, type PathChunk } from './generate.js';
export { PATH_STORE_MAGIC, PATH_STORE_VERSION, type PathStoreHeader } from './store/format.js';
export { PathStoreWriter } from './store/write-path-store.js';
export { PathStoreReader, readPathStore, type StoredChunk } from './store/read-path-store.js';
export { generateToStore } from './store/generate-to-store.js';
export { readScenarioFile, parseScenarios, type ShockScenario, type ShockMove } from './shocks/scenario-file.js';
export { shockMatrix, shockOnlyPath, shockPaths, checkScenarioSymbols } from './shocks/apply-shocks.js';
export { replayWindows, windowStartsAt, worstWindows, type ReplayWindow } from './replay/historical-replay.js';
export { parseRegimeSpec, type RegimeSpec } from './conditioning/regime-spec.js';
export { requireCgan, resolveState, describeState, type StateRequest, type ResolvedState, type StateDescription } from './conditioning/stress-state.js';
export { rollReturnsTf, portfolioLossTf, grossExposure } from './tail/differentiable-roll.js';
export { latentObjective, type LatentObjective, type LatentObjectiveOptions } from './tail/latent-objective.js';
export { normalQuantile as tailNormalQuantile, tailRadius } from './tail/tail-radius.js';
export { findTailShift, type TailShift, type TailShiftOptions } from './tail/tail-shift.js';
export {
  tailFocusedChunks,
  generateTailFocused,
  plainPathCount,
  weightDiagnostics,
  TAIL_UNIT,
  DEFAULT_DEFENSIVE,
  type TailFocus,
  type WeightedChunk,
  type WeightDiagnostics,
} from './tail/tail-sample.js';
export { tailFocusedToStore } from './tail/tail-to-store.js';
export { reverseStress, type ReverseStressOptions, type ReverseStressResult } from './reverse/reverse-stress.js';
