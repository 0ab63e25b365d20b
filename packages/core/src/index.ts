export * from './errors.js';
export * from './market/types.js';
export { readPricesCsv, readPricesCsvWithReport, type ReadPricesOptions, type MissingDataReport, type MissingCellAt } from './market/format/read-prices-csv.js';
export { selectSymbols } from './market/verbs/select-symbols.js';
export { sliceDates } from './market/verbs/slice-dates.js';
export { toLogReturns } from './market/verbs/to-log-returns.js';
export { lastPrices } from './market/verbs/last-prices.js';
export { hashReturns } from './market/verbs/hash-returns.js';
export { Rng, mix32 } from './random/rng.js';
export { writeFileAtomic, sha256File } from './io/atomic.js';
export { readCsvRecords, isBlankRecord, type CsvRecord, type CsvReadOptions } from './io/csv-records.js';
export { processAlive, removeStaleTempFiles, syncDirectory } from './io/atomic.js';
export { saveModelDir, readModelDir, type ModelDirMeta, type ModelDirContents } from './io/model-dir.js';
export * from './models/model.js';
export { registerModel, getModel, hasModel, listModels, modelOrigin, modelLabel, type ModelOrigin } from './models/registry.js';
export { defineModel, MODEL_CONTRACT_VERSION, type ModelDefinition, type DefinedModel } from './models/contract/define-model.js';
export {
  describeParam,
  coerceParam,
  paramError,
  withParamTypes,
  type ParamSpec,
  type ParamSchema,
  type ParamsOf,
  type ParamValue,
  type NumberParamSpec,
  type IntegerParamSpec,
  type StringParamSpec,
  type BooleanParamSpec,
  type EnumParamSpec,
} from './models/contract/param-schema.js';
export { fitIdentity, saveFittedModel, readFittedModel, type FitIdentity, type SavedModel } from './models/contract/fitted-model.js';
export { loadPlugin, loadPlugins, loadedPlugins, type LoadedPlugin, type LoadPluginOptions } from './plugins/load-plugin.js';
export { runConformance, type ConformanceOptions, type ConformanceReport, type ConformanceCheck, type CheckStatus } from './conformance/run-conformance.js';
export { formatConformance, assertConformance } from './conformance/report-conformance.js';
export { conformanceReturns, SHIPPED_PRICES, CONFORMANCE_SYMBOLS } from './conformance/conformance-data.js';
export { loadModel } from './models/load-model.js';
export { bootstrapModel } from './models/bootstrap/bootstrap.js';
export { gaussianModel } from './models/gaussian/gaussian.js';
export { cholesky } from './models/gaussian/cholesky.js';
export { fhsModel, FhsModel, type FhsFitInfo, type FhsArrays, type GarchAssetFit } from './models/fhs/fhs.js';
export { fitGarch, garchVariances, garchLogLikelihood, type GarchParams, type GarchFit } from './models/fhs/garch.js';
export { studentTModel, StudentTModel, type StudentTFitInfo } from './models/student-t/student-t.js';
export { fitMultivariateT, MIN_DOF, MAX_DOF, type MultivariateTFit, type MultivariateTOptions } from './models/student-t/multivariate-t-em.js';
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './numeric/nelder-mead.js';
export { logGamma } from './numeric/log-gamma.js';
export { gammaSample, chiSquareSample } from './random/gamma.js';
export { registerBuiltinModels } from './models/builtin.js';
export { packageVersion, ownVersion, coreLibraryVersions } from './io/package-version.js';
export { cganModel, isCganModel } from './models/cgan/cgan.js';
export type { CganModel, CganTraining, CganFitInfo, CganMemberTraining, StateSupport } from './models/cgan/cgan-model.js';
export { heldOutEvaluation, compactCard, type HeldOutOptions, type HeldOutEvaluation } from './models/cgan/evaluate.js';
export { stateFeatureNames, stateSize } from './models/cgan/state-features.js';
export { fitGjr, gjrVariances, gjrFilter, gjrNext, gjrPersistence, gjrLongRunVariance, type GjrParams, type GjrFit } from './models/cgan/gjr-garch.js';
export { MAX_VARIANCE_RATIO } from './models/cgan/variance-guard.js';
export { fitGpdPwm, fitMargins, toU, fromU, fromURows, normalQuantile, E_MAX, CAP_FACTOR, type GpdParams, type Margins } from './models/cgan/tails.js';
export {
  factorCount, fitFactorStructure, factorScores, jacobiEigen, normalCdf, residualDay, topEigen,
  FACTOR_AUTO_THRESHOLD, FACTOR_VARIANCE, MAX_FACTORS, type FactorStructure, type FactorSetting,
} from './models/cgan/factor-structure.js';
export { fitStateMoments, factorMoments, momentMap, UNIT_VARIANCE, applyMomentMap, leastSquaresLine, packStateMoments, unpackStateMoments, type StateMoments, type MomentMap } from './models/cgan/state-moments.js';
export { fz0, conditionalFzScore, portfolioWindowReturns, validationPortfolios, FZ_ALPHA } from './models/cgan/validation.js';
export type { CganWarning } from './models/cgan/warnings.js';
export type { MemberRisk } from './models/cgan/fit-warnings.js';
export { fhsStartVariances, fhsPathsFrom } from './models/fhs/fhs-from-state.js';
export { setWasmTransposeFix, wasmTransposeFixOn } from './tensorflow/wasm-matmul.js';
export { setWasmSliceFix } from './tensorflow/wasm-slice.js';
export { setNativeStepFix } from './tensorflow/native-step.js';
export { probeBackend, fixHint, PROBE_SIZE, PROBE_ITERATIONS, type BackendProbe } from './tensorflow/probe.js';
export { initBackend, activeBackend, backendVersions, tensorflow, registerBackend, BACKEND_CHOICES, BACKEND_NAMES, NATIVE_PACKAGES, type Tf, type BackendChoice, type BackendName, type BackendInfo, type BackendCandidate } from './tensorflow/backend.js';
export * from './diagnostics/index.js';
export * from './guard/index.js';
export { readReturnsCsv, parseReturnsCsv, periodBefore, RETURNS_KINDS, type ReturnsKind, type ReadReturnsOptions, type ReturnsFile } from './market/format/read-returns-csv.js';
export { detectFrequency, dayNumber, weekday, type Frequency, type FrequencyInfo } from './market/table/frequency.js';
export { studentTFitWarnings, DOF_BOUND_TOLERANCE } from './models/student-t/fit-warnings.js';
export { garchFitWarnings, PERSISTENCE_WARN, OMEGA_ZERO_RATIO } from './models/fhs/fit-warnings.js';
export { gaussianFitWarnings } from './models/gaussian/fit-warnings.js';
export { readMarketData, type MarketData, type MarketDataSource } from './market/format/read-market-data.js';
