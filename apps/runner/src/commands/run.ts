import { Command, Option } from 'commander';
import { listModels, type BackendChoice, type MissingPolicy, type RawParams } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { confidenceList, fraction, horizonList, isoDate, missingPolicy, modelParam, positiveAmount, positiveInt, replaySpec, seed } from '../options.js';
import { RUN_DEFAULTS as ENGINE_DEFAULTS, type LossSpec, type RunConfig } from '@tailforge/engine';
import { runToFiles } from '../output/write-outputs.js';
import { backendOption, startBackend } from './backend-option.js';
import { focusConfig, focusOptions } from './focus-options.js';
import { previousRunsOf } from '../history/previous-runs.js';
import { recordRun } from '../history/record-run.js';

/** The engine's defaults, as the options show them. */
export const RUN_DEFAULTS = { ...ENGINE_DEFAULTS, confidence: ENGINE_DEFAULTS.confidence.join(',') };

interface RunOptions {
  portfolio: string;
  prices: string;
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
  out: string;
  backend: BackendChoice;
  stressState?: string;
  regime?: string;
  tailFocus?: boolean;
  reverseStress?: LossSpec;
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
    .requiredOption('--prices <file>', 'daily closing prices CSV: first column "date" (YYYY-MM-DD), one column per symbol')
    .requiredOption('--out <dir>', 'output directory (created if missing; files in it are replaced atomically)')
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
    .option('--path-store <file>', 'write the paths to this binary path store and stream the risk pass over it (for runs too large for memory)')
    .option('--history <file>', 'results history database (SQLite): the report shows the change since the previous run and a VaR/ES history; this run is added')
    .addOption(stressState)
    .addOption(regime)
    .addOption(tailFocus)
    .addOption(reverseStress)
    .addOption(backendOption())
    .action(async (opts: RunOptions) => {
      const log = context.log();
      const startedAt = new Date();
      await startBackend(opts.backend, log);
      const config: RunConfig = {
        portfolioFile: opts.portfolio,
        pricesFile: opts.prices,
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
        pathStore: opts.pathStore,
        replay: opts.replay,
        scenarioFile: opts.scenarios,
        ...(opts.capital !== undefined ? { capital: opts.capital } : {}),
        ...(opts.fx !== undefined ? { fxFile: opts.fx } : {}),
        ...(opts.baseCurrency !== undefined ? { baseCurrency: opts.baseCurrency.toUpperCase() } : {}),
        ...focusConfig(opts),
        ...(opts.backtestFrom !== undefined
          ? { backtest: { from: opts.backtestFrom, refit: opts.backtestRefit, paths: opts.backtestPaths, ...(opts.backtestLookback !== undefined ? { lookback: opts.backtestLookback } : {}) } }
          : {}),
      };
      const historyFile = opts.history;
      const { summary, dir, files } = await runToFiles(config, {
        log,
        outDir: opts.out,
        argv: context.argv,
        startedAt,
        ...(historyFile !== undefined ? { history: (result) => previousRunsOf(historyFile, result, startedAt), historyFile } : {}),
      });
      if (opts.history !== undefined) await recordRun(opts.history, summary, files.manifest);
      for (const r of summary.risk) {
        const ccy = summary.base.currency ? ` ${summary.base.currency}` : '';
        log.info('risk', `VaR ${(r.confidence * 100).toFixed(1)}%: ${r.var.toFixed(2)}${ccy} (${(r.varPct * 100).toFixed(2)}%${summary.base.kind === "net-value" ? "" : ` of ${summary.base.kind}`})  ES: ${r.es.toFixed(2)}${ccy} (${(r.esPct * 100).toFixed(2)}%)`, r);
      }
      log.info('drawdown', `max drawdown: mean ${(summary.maxDrawdown.mean * 100).toFixed(2)}%, p99 ${(summary.maxDrawdown.p99 * 100).toFixed(2)}%`, { ...summary.maxDrawdown });
      log.info('done', `wrote ${dir}/{summary.json,risk.csv,contributions.csv,stress.csv,report.html,manifest.json} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`, { out: dir, durationMs: Date.now() - startedAt.getTime() });
      context.setExit(0);
    });
}
