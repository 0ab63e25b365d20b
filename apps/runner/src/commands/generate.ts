import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { listModels, type BackendChoice, type MissingPolicy, type RawParams, type ReturnsKind } from '@tailforge/core';
import { readAndCheck } from './data-warnings.js';
import { marketFile } from './run.js';
import { syntheticPrices } from '@tailforge/engine';
import type { Logger } from '../log/logger.js';
import { isoDate, missingPolicy, modelParam, positiveInt, seed, symbolList } from '../options.js';
import { SYNTHETIC_FORMATS, writeSynthetic, type SyntheticFormat } from '@tailforge/engine';
import { backendOption, startBackend } from './backend-option.js';
import { regimeSpec } from './focus-options.js';

interface GenerateOptions {
  prices?: string;
  returns?: string;
  returnsKind?: ReturnsKind;
  model: string;
  modelDir?: string;
  modelParam?: RawParams;
  symbols?: string[];
  paths: number;
  horizon: number;
  seed: number;
  missing: MissingPolicy;
  lookback?: number;
  state?: string;
  regime?: string;
  format: SyntheticFormat;
  out: string;
  backend: BackendChoice;
}

/**
 * `tailforge generate`: synthetic price histories for research, one file
 * with a row per path and day (path, date, a price column per symbol).
 */
export function generateCommand(context: { log: () => Logger; setExit: (code: number) => void }): Command {
  return new Command('generate')
    .summary('synthetic price histories: paths of a model continuing the real prices, as CSV, Parquet or NumPy')
    .description(
      'Draws --paths price paths of --horizon business days from a model (fitted on --prices, or --model-dir),\n' +
        'each continuing the last real prices, and writes one table: path, date, one price column per symbol.',
    )
    .option('--prices <file>', 'daily closing prices CSV the paths continue (and the model is fitted on)')
    .option('--returns <file>', 'returns CSV instead of --prices: the paths continue its price index (starting at 1)')
    .addOption(new Option('--returns-kind <kind>', 'with --returns: simple or log').choices(['simple', 'log']))
    .requiredOption('--out <file>', 'output file (written to a temporary name and renamed into place)')
    .addOption(new Option('--model <name>', `model to fit: ${listModels().map((m) => m.name).join(', ')}`).default('bootstrap'))
    .option('--model-dir <dir>', 'use a saved, trained model (from `tailforge train`) instead of fitting --model')
    .option('--model-param <key=value>', 'model parameter, repeatable', modelParam)
    .option('--symbols <list>', 'symbols to fit --model on (default: every symbol in --prices)', symbolList)
    .option('--paths <n>', 'number of paths', positiveInt('--paths', 10_000_000), 100)
    .option('--horizon <days>', 'business days per path', positiveInt('--horizon', 25_200), 250)
    .option('--seed <n>', 'random seed: the same seed and inputs give the same file', seed, 1)
    .addOption(new Option('--missing <policy>', 'missing price cells: error, ffill or drop').choices(['error', 'ffill', 'drop']).argParser(missingPolicy).default('error'))
    .option('--lookback <days>', 'fit on the last N daily returns only', positiveInt('--lookback'))
    .option('--state <date>', 'cgan: start from the model state as of this date (YYYY-MM-DD) instead of the latest', isoDate)
    .option('--regime <spec>', 'cgan: start from a historical state quantile: p1..p99 (of market volatility) or median', regimeSpec)
    .addOption(new Option('--format <format>', 'csv, parquet or npy (NumPy structured array)').choices([...SYNTHETIC_FORMATS]).default('csv'))
    .addOption(backendOption())
    .action(async (opts: GenerateOptions) => {
      const log = context.log();
      const t0 = Date.now();
      const market = marketFile(opts);
      await readAndCheck(
        market.returnsKind !== undefined
          ? { returns: market.pricesFile, returnsKind: market.returnsKind, missing: opts.missing, ...(opts.symbols !== undefined ? { symbols: opts.symbols } : {}) }
          : { prices: market.pricesFile, missing: opts.missing, ...(opts.symbols !== undefined ? { symbols: opts.symbols } : {}) },
        log,
      );
      await startBackend(opts.backend, log);
      const chunks = syntheticPrices(
        {
          ...market,
          model: opts.model,
          ...(opts.modelDir !== undefined ? { modelDir: opts.modelDir } : {}),
          modelParams: opts.modelParam ?? {},
          ...(opts.symbols !== undefined ? { symbols: opts.symbols } : {}),
          paths: opts.paths,
          horizon: opts.horizon,
          seed: opts.seed,
          missing: opts.missing,
          ...(opts.lookback !== undefined ? { lookback: opts.lookback } : {}),
          ...(opts.state !== undefined ? { state: opts.state } : {}),
          ...(opts.regime !== undefined ? { regime: opts.regime } : {}),
        },
        { log },
      );
      const out = resolve(opts.out);
      const { rows, symbols } = await writeSynthetic(out, opts.format, chunks);
      log.info('done', `wrote ${out}: ${rows.toLocaleString('en-US')} rows (${opts.paths} paths × ${opts.horizon} days), columns path, date, ${symbols.length} symbols, in ${((Date.now() - t0) / 1000).toFixed(1)} s`, { out, rows, paths: opts.paths, horizon: opts.horizon, symbols: symbols.length });
      context.setExit(0);
    });
}
