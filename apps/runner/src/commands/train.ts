import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import {
  getModel,
  listModels,
  sliceDates,
  toLogReturns,
  type BackendChoice,
  type MissingPolicy,
  type RawParams,
  type ReturnsKind,
} from '@tailforge/core';
import { readAndCheck } from './data-warnings.js';
import { marketFile } from './run.js';
import type { Logger } from '../log/logger.js';
import { missingPolicy, modelParam, positiveInt, seed, symbolList } from '../options.js';
import { peekSymbols } from '@tailforge/engine';
import { backendOption, startBackend } from './backend-option.js';

interface TrainOptions {
  prices?: string;
  returns?: string;
  returnsKind?: ReturnsKind;
  model: string;
  out: string;
  symbols?: string[];
  modelParam?: RawParams;
  seed: number;
  missing: MissingPolicy;
  lookback?: number;
  backend: BackendChoice;
  window?: number;
  epochs?: number;
}

/**
 * `tailforge train`: fits a registered model on a prices file and saves it
 * to a directory that `tailforge run --model-dir` (and `loadModel`) reads.
 */
export function trainCommand(context: { log: () => Logger; setExit: (code: number) => void }): Command {
  return new Command('train')
    .summary('fit a scenario model on prices and save it to a directory')
    .description('Fits --model on the daily log returns of --prices (all symbols, or --symbols) and saves it to --out,\nready for `tailforge run --model-dir`.')
    .option('--prices <file>', 'daily closing prices CSV: first column "date" (YYYY-MM-DD), one column per symbol')
    .option('--returns <file>', 'returns CSV instead of --prices (daily, weekly or monthly; the model then draws returns of that frequency)')
    .addOption(new Option('--returns-kind <kind>', 'with --returns: simple or log').choices(['simple', 'log']))
    .requiredOption('--out <dir>', 'model directory to write (replaced atomically if it holds a tailforge model)')
    .addOption(new Option('--model <name>', `model: ${listModels().map((m) => m.name).join(', ')}`).default('bootstrap'))
    .option('--symbols <list>', 'comma-separated symbols to model (default: every symbol in --prices)', symbolList)
    .option('--model-param <key=value>', 'model parameter, repeatable', modelParam)
    .option('--seed <n>', 'random seed for fitting', seed, 1)
    .addOption(
      new Option('--missing <policy>', 'missing price cells: error, ffill or drop (see `tailforge run --help`)')
        .choices(['error', 'ffill', 'drop'])
        .argParser(missingPolicy)
        .default('error'),
    )
    .option('--lookback <days>', 'fit on the last N daily returns only (default: all history)', positiveInt('--lookback'))
    .option('--window <days>', 'cgan: days per generated window (same as --model-param window=N; default 10)', positiveInt('--window', 250))
    .option('--epochs <n>', 'cgan: training epochs (same as --model-param epochs=N; default 20)', positiveInt('--epochs', 100_000))
    .addOption(backendOption())
    .action(async (opts: TrainOptions) => {
      const log = context.log();
      const t0 = Date.now();
      const market = marketFile(opts);
      const factory = getModel(opts.model);
      await startBackend(opts.backend, log, factory.capabilities.needsTensorflow);
      // --window / --epochs are shorthands for the model parameters of the same name.
      const params: RawParams = {
        ...(opts.modelParam ?? {}),
        ...(opts.window !== undefined ? { window: opts.window } : {}),
        ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
      };
      const minObservations = factory.minObservations(params);
      const symbols = opts.symbols ?? (await peekSymbols(market.pricesFile));
      // The data checks' warnings are logged once each (the model's own fit warnings go into its fitInfo).
      const { data } = await readAndCheck(
        market.returnsKind !== undefined
          ? { returns: market.pricesFile, returnsKind: market.returnsKind, symbols, missing: opts.missing }
          : { prices: market.pricesFile, symbols, missing: opts.missing },
        log,
        { minObservations, model: opts.model },
      );
      const full = data.table;
      const table = opts.lookback !== undefined ? sliceDates(full, { last: opts.lookback + 1 }) : full;
      const returns = toLogReturns(table, { minObservations });
      log.info('data', `${returns.symbols.length} symbols, ${returns.dates.length} ${data.frequency.frequency} returns ${returns.dates[0]}..${returns.dates[returns.dates.length - 1]}`);
      const model = await factory.fit(returns, params, {
        seed: opts.seed,
        // A message is a milestone worth a line (a cgan's epoch: losses and validation metric).
        onProgress: (fraction, message) =>
          message !== undefined ? log.info('progress', message, { fraction }) : log.progress(`fitting ${factory.name}`, Math.round(fraction * 1000), 1000),
      });
      const out = resolve(opts.out);
      await model.save(out);
      for (const w of model.fitInfo.warnings ?? []) if (w.severity !== 'info') log.warn('warning', `${w.code}: ${w.message}`, { ...w });
      log.info('done', `saved ${model.name} model ${model.id} to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`, { modelId: model.id, out });
      context.setExit(0);
    });
}
