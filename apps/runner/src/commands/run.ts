import { Command, InvalidArgumentError, Option } from 'commander';
import { hasFindingsAtLeast, InputError, listModels, type BackendChoice, type MissingPolicy, type RawParams, type ReturnsKind } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { byteSize, confidenceList, fraction, horizonList, isoDate, missingPolicy, modelParam, positiveAmount, positiveInt, replaySpec, seed, symbolList } from '../options.js';
import { RUN_DEFAULTS as ENGINE_DEFAULTS, type LossSpec, type RunConfig } from '@tailforge/engine';
import type { QuantileMethod } from '@tailforge/risk';
import { runToFiles } from '../output/write-outputs.js';
import { OUT_MARKER } from '../output/out-folder.js';
import { backendOption, startBackend } from './backend-option.js';
import { focusConfig, focusOptions } from './focus-options.js';
import { previousRunsOf, recordRun } from '@tailforge/history';

/** The engine's defaults, as the options show them. */
export const RUN_DEFAULTS = { ...ENGINE_DEFAULTS, confidence: ENGINE_DEFAULTS.confidence.join(',') };

interface RunOptions {
  portfolio: string;
  prices?: string;
  returns?: string;
  returnsKind?: ReturnsKind;
  strict?: boolean;
  maxModelAge?: number;
  model: string;
  modelParam?: RawParams;
  paths: number;
  horizon: number;
  confidence: number[];
  seed: number;
  missing: MissingPolicy;
  lookback?: number;
  modelDir?: string;
  history?: string;
  horizons?: number[];
  drawdownLimit: number;
  pathStore?: string;
  replay: ReturnType<typeof replaySpec>;
  scenarios?: string;
  backtestFrom?: string;
  backtestRefit: number;
  backtestLookback?: number;
  backtestPaths: number;
  backtestModels?: string[];
  backtestReference?: string;
  out: string;
  backend: BackendChoice;
  stressState?: string;
  regime?: string;
  tailFocus?: boolean;
  reverseStress?: LossSpec;
  quantileMethod: QuantileMethod;
  force?: boolean;
  maxMemory?: number;
  regulatory?: boolean;
  regulatoryFactors?: string[];
  stressedMeasure?: 'var' | 'es';
  capital?: number;
  fx?: string;
  baseCurrency?: string;
}

export function runCommand(context: { log: () => Logger; argv: readonly string[]; setExit: (code: number) => void }): Command {
  const [stressState, regime, tailFocus, reverseStress] = focusOptions();
  return new Command('run')
    .summary('stress-test one portfolio: scenario paths, VaR / ES, drawdowns, report')
    .description(
      'Fits a scenario model to the price history of the portfolio\'s symbols, generates scenario paths,\n' +
        'values the portfolio along them and writes summary.json, risk.csv, report.html and manifest.json to --out.\n' +
        'VaR and ES are reported as positive losses over the horizon.',
    )
    .requiredOption('--portfolio <file>', 'portfolio: CSV "symbol,quantity" (or "symbol,market_value") or JSON {"positions":[{"symbol","quantity"}]}')
    .option('--prices <file>', 'daily closing prices CSV: first column "date" (YYYY-MM-DD), one column per symbol')
    .option('--returns <file>', 'returns CSV instead of --prices (same layout; daily, weekly or monthly, detected; --horizon then counts those periods); positions in market value')
    .addOption(new Option('--returns-kind <kind>', 'with --returns: simple (P1/P0 - 1) or log (ln P1/P0)').choices(['simple', 'log']))
    .option('--strict', 'exit 1 when the run has a warning of severity warn or error (the outputs are still written)')
    .option('--max-model-age <n>', 'with --model-dir: warn when the model\'s training data end more than N dates before the prices\' last date', positiveInt('--max-model-age'), 20)
    .requiredOption('--out <dir>', 'output folder: created if missing, replaced whole by each run (written beside it, then renamed into place); a non-empty folder tailforge did not make is refused (see --force), and so is one holding an input')
    .option('--force', `write into a non-empty --out folder that tailforge did not make (no ${OUT_MARKER} in it): only the run's files are replaced`)
    .addOption(new Option('--model <name>', `scenario model: ${listModels().map((m) => m.name).join(', ')}`).default(RUN_DEFAULTS.model))
    .option('--model-dir <dir>', 'use a saved, trained model (from `tailforge train`) instead of fitting --model on the prices')
    .option('--model-param <key=value>', 'model parameter, repeatable (e.g. blockLength=10 for bootstrap)', modelParam)
    .option('--paths <n>', 'number of scenario paths', positiveInt('--paths', 50_000_000), RUN_DEFAULTS.paths)
    .option('--horizon <days>', 'path length in trading days', positiveInt('--horizon', 2520), RUN_DEFAULTS.horizon)
    .option('--confidence <list>', 'comma-separated confidence levels for VaR / ES', confidenceList, confidenceList(RUN_DEFAULTS.confidence))
    .option('--seed <n>', 'random seed; the same seed and inputs give the same figures', seed, RUN_DEFAULTS.seed)
    .addOption(
      new Option('--missing <policy>', 'missing price cells (NA or empty): error = stop and name them; ffill = carry the last price forward; drop = drop those dates')
        .choices(['error', 'ffill', 'drop'])
        .argParser(missingPolicy)
        .default(RUN_DEFAULTS.missing),
    )
    .option('--lookback <days>', 'fit the model on the last N daily returns only (default: all history)', positiveInt('--lookback'))
    .option('--horizons <list>', 'also report VaR / ES at these days along the paths (default: 1,5,10,20 below --horizon)', horizonList)
    .option('--fx <file>', 'FX rates (prices format: date, then columns like EURUSD = USD per EUR) joined to --prices on their common dates')
    .option('--base-currency <code>', 'currency of the figures (default: the portfolio\'s "baseCurrency", else the only currency it names)')
    .option('--capital <amount>', 'express percentages and drawdowns against this capital (default: the net value of a mostly long book, else its gross exposure)', positiveAmount('--capital'))
    .option('--drawdown-limit <fraction>', 'report the probability that the maximum drawdown reaches this limit', fraction('--drawdown-limit'), 0.15)
    .addOption(
      new Option('--replay <spec>', 'historical windows of --horizon days to replay: worst:K (the K worst for this portfolio), start dates YYYY-MM-DD[,...], or none')
        .argParser(replaySpec)
        .default({ worst: 5 }, 'worst:5'),
    )
    .option('--scenarios <file>', 'hypothetical shocks (JSON or YAML: scenarios: [{name, apply: alone|on-paths, shocks: [{symbol|symbols, return, day, days}]}])')
    .option('--backtest-from <date>', 'also backtest one-day VaR / ES of --model from this date (YYYY-MM-DD) on; the report gets the exceptions-and-tests table', isoDate)
    .option('--backtest-refit <days>', 'with --backtest-from: refit every N forecast days', positiveInt('--backtest-refit', 10_000), 20)
    .option('--backtest-lookback <days>', 'with --backtest-from: fit on at most the last N returns before each day', positiveInt('--backtest-lookback'))
    .option('--backtest-paths <n>', 'with --backtest-from: scenario paths per forecast', positiveInt('--backtest-paths', 10_000_000), 2000)
    .addOption(
      new Option('--quantile-method <method>', 'quantile of the historical-simulation VaR: lower (the lower empirical quantile, as for every tailforge VaR) or type7 (interpolated: R, NumPy, PerformanceAnalytics)')
        .choices(['lower', 'type7'])
        .default('lower'),
    )
    .option('--max-memory <size>', 'refuse a run estimated to need more memory than this (bytes, or with K, M, G: 8G); default half the machine\'s RAM', byteSize)
    .option('--backtest-models <list>', 'with --backtest-from: compare these models (comma-separated) instead of --model alone, with FZ0 loss, Diebold–Mariano and a ranking', backtestModelList)
    .option('--backtest-reference <model>', 'with --backtest-models: the model the others are compared against (default fhs when listed, else the first)')
    .option('--path-store <file>', 'write the paths to this binary path store and stream the risk pass over it (for runs too large for memory)')
    .option('--history <file>', 'results history database (SQLite): the report shows the change since the previous run and a VaR/ES history; this run is added')
    .option('--regulatory', 'add the regulatory view: stressed period, stressed VaR (Basel 2.5), FRTB-style ES, capital illustration from --history')
    .option('--regulatory-factors <A,B>', 'with --regulatory: the reduced risk-factor set of the FRTB stressed calibration (default: the fewest covering 75% of the variance)', symbolList)
    .addOption(new Option('--stressed-measure <var|es>', 'with --regulatory: the stressed-period search maximises 10-day 99% VaR or 97.5% ES').choices(['var', 'es']))
    .addOption(stressState)
    .addOption(regime)
    .addOption(tailFocus)
    .addOption(reverseStress)
    .addOption(backendOption())
    .action(async (opts: RunOptions) => {
      const log = context.log();
      const startedAt = new Date();
      if (opts.regulatory !== true && (opts.regulatoryFactors !== undefined || opts.stressedMeasure !== undefined)) {
        throw new InputError('--regulatory-factors and --stressed-measure go with --regulatory');
      }
      const market = marketFile(opts);
      await startBackend(opts.backend, log);
      const config: RunConfig = {
        portfolioFile: opts.portfolio,
        ...market,
        ...(opts.maxModelAge !== undefined && opts.maxModelAge !== 20 ? { maxModelAge: opts.maxModelAge } : {}),
        model: opts.model,
        modelParams: opts.modelParam ?? {},
        paths: opts.paths,
        horizon: opts.horizon,
        confidence: opts.confidence,
        seed: opts.seed,
        missing: opts.missing,
        lookback: opts.lookback,
        modelDir: opts.modelDir,
        horizons: opts.horizons,
        drawdownLimit: opts.drawdownLimit,
        quantileMethod: opts.quantileMethod,
        ...(opts.maxMemory !== undefined ? { maxMemory: opts.maxMemory } : {}),
        pathStore: opts.pathStore,
        replay: opts.replay,
        scenarioFile: opts.scenarios,
        ...(opts.capital !== undefined ? { capital: opts.capital } : {}),
        ...(opts.fx !== undefined ? { fxFile: opts.fx } : {}),
        ...(opts.baseCurrency !== undefined ? { baseCurrency: opts.baseCurrency.toUpperCase() } : {}),
        ...focusConfig(opts),
        ...(opts.regulatory === true
          ? { regulatory: { ...(opts.regulatoryFactors !== undefined ? { factors: opts.regulatoryFactors } : {}), ...(opts.stressedMeasure !== undefined ? { stressedMeasure: opts.stressedMeasure } : {}) } }
          : {}),
        ...(opts.backtestFrom !== undefined
          ? {
              backtest: {
                from: opts.backtestFrom,
                refit: opts.backtestRefit,
                paths: opts.backtestPaths,
                ...(opts.backtestLookback !== undefined ? { lookback: opts.backtestLookback } : {}),
                ...(opts.backtestModels !== undefined ? { models: opts.backtestModels } : {}),
                ...(opts.backtestReference !== undefined ? { reference: opts.backtestReference } : {}),
              },
            }
          : {}),
      };
      const historyFile = opts.history;
      const { summary, dir, files } = await runToFiles(config, {
        log,
        outDir: opts.out,
        argv: context.argv,
        startedAt,
        force: opts.force === true,
        ...(historyFile !== undefined ? { history: (result) => previousRunsOf(historyFile, result, startedAt), historyFile } : {}),
      });
      if (opts.history !== undefined) await recordRun(opts.history, summary, files.manifest);
      for (const r of summary.risk) {
        const ccy = summary.base.currency ? ` ${summary.base.currency}` : '';
        log.info('risk', `VaR ${(r.confidence * 100).toFixed(1)}%: ${r.var.toFixed(2)}${ccy} (${(r.varPct * 100).toFixed(2)}%${summary.base.kind === "net-value" ? "" : ` of ${summary.base.kind}`})  ES: ${r.es.toFixed(2)}${ccy} (${(r.esPct * 100).toFixed(2)}%)`, r);
      }
      log.info('drawdown', `max drawdown: mean ${(summary.maxDrawdown.mean * 100).toFixed(2)}%, p99 ${(summary.maxDrawdown.p99 * 100).toFixed(2)}%`, { ...summary.maxDrawdown });
      log.info('done', `wrote ${dir}/{summary.json,risk.csv,contributions.csv,stress.csv,report.html,manifest.json} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`, { out: dir, durationMs: Date.now() - startedAt.getTime() });
      const failed = opts.strict === true && hasFindingsAtLeast(summary.warnings, 'warn');
      if (failed) log.error('strict', `--strict: ${summary.warnings.length} warning(s); the outputs are written, the run fails`, { warnings: summary.warnings.length });
      context.setExit(failed ? 1 : 0);
    });
}

/** `--prices FILE` or `--returns FILE --returns-kind K` as the run's market-data file (exactly one; InputError otherwise, exit 2). */
export function marketFile(opts: { prices?: string; returns?: string; returnsKind?: ReturnsKind }): { pricesFile: string; returnsKind?: ReturnsKind } {
  if ((opts.prices === undefined) === (opts.returns === undefined)) {
    throw new InputError(opts.prices === undefined ? 'give the market data: --prices FILE or --returns FILE' : 'give --prices or --returns, not both');
  }
  if (opts.prices !== undefined) {
    if (opts.returnsKind !== undefined) throw new InputError('--returns-kind goes with --returns, not --prices');
    return { pricesFile: opts.prices };
  }
  if (opts.returnsKind === undefined) throw new InputError('--returns needs --returns-kind simple or log (R = P1/P0 − 1, or r = ln(P1/P0))');
  return { pricesFile: opts.returns as string, returnsKind: opts.returnsKind };
}

/** `--backtest-models a,b`: distinct model names. */
function backtestModelList(value: string): string[] {
  const names = value.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (names.length === 0) throw new InvalidArgumentError('give at least one model, e.g. fhs,gaussian');
  return [...new Set(names)];
}
