import { Command, Option } from 'commander';
import { conformanceReturns, formatConformance, getModel, runConformance, type BackendChoice, type RawParams } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { modelParam, positiveInt, seed, symbolList } from '../options.js';
import { backendOption, startBackend } from './backend-option.js';
import type { CommandContext } from './batch.js';

interface CheckModelOptions {
  modelParam?: RawParams;
  modelDir?: string;
  prices?: string;
  symbols?: string[];
  observations?: number;
  paths: number;
  horizon: number;
  seed: number;
  format: 'text' | 'json';
  backend: BackendChoice;
}

/**
 * `tailforge check-model NAME`: the conformance kit on the command line.
 * Exit 0 when every check passes, 1 when one fails; 2 for usage errors
 * (unknown model, a plugin that does not load, bad options).
 */
export function checkModelCommand(context: Pick<CommandContext, 'io' | 'setExit'> & { log: () => Logger }): Command {
  return new Command('check-model')
    .summary('run a model (built in or from --plugin) through the model contract on shipped data')
    .description(
      'Fits NAME on a slice of the shipped Dow Jones prices (4 stocks, the latest 300 days or the model\'s minimum + 20)\n' +
        'and checks the contract: output shapes, finite values, seed determinism, different seeds differ, chunked = one-shot,\n' +
        'save/load gives identical samples, conditioning accepted when declared (refused when not), InputError on too little\n' +
        'data and on bad parameters. Prints a pass/fail table with timings.\n\n' +
        'Exit codes: 0 every check passed; 1 a check failed; 2 bad usage (unknown model, a plugin that does not load).',
    )
    .argument('<name>', 'registered model name (see `tailforge models`)')
    .option('--model-param <key=value>', 'model parameter for the fits, repeatable (e.g. epochs=1 for a quick cgan)', modelParam)
    .option('--model-dir <dir>', 'check this saved model (loaded instead of fitted); the data checks still fit')
    .option('--prices <file>', 'prices CSV to fit on (default: the shipped examples/dowjones30_prices.csv)')
    .option('--symbols <list>', 'symbols of the prices to use (default AA,IBM,KO,MSFT)', symbolList)
    .option('--observations <n>', 'daily returns to fit on (default: max(300, minimum + 20))', positiveInt('--observations'))
    .option('--paths <n>', 'paths per sample', positiveInt('--paths', 100_000), 40)
    .option('--horizon <days>', 'days per path', positiveInt('--horizon', 2520), 6)
    .option('--seed <n>', 'seed of the sample checks', seed, 7)
    .addOption(new Option('--format <format>', 'text table or json').choices(['text', 'json']).default('text'))
    .addOption(backendOption())
    .action(async (name: string, opts: CheckModelOptions) => {
      const factory = getModel(name);
      const params = opts.modelParam ?? {};
      // The user's mistakes (parameters, data) are usage errors (exit 2), not failed checks.
      const minObservations = factory.minObservations(params);
      const returns = await conformanceReturns({ prices: opts.prices, symbols: opts.symbols, observations: opts.observations ?? Math.max(300, minObservations + 20) });
      await startBackend(opts.backend, context.log(), factory.capabilities.needsTensorflow);
      const report = await runConformance(factory, {
        params,
        returns,
        ...(opts.modelDir !== undefined ? { modelDir: opts.modelDir } : {}),
        paths: opts.paths,
        horizon: opts.horizon,
        seed: opts.seed,
      });
      context.io.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatConformance(report));
      context.setExit(report.passed ? 0 : 1);
    });
}
