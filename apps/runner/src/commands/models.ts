import { Command, Option } from 'commander';
import { listModels } from '@tailforge/core';
import { describeModels, formatModelsJson, formatModelsText } from '../models/describe-models.js';
import type { CommandContext } from './batch.js';

/** `tailforge models`: the built-in and plugin models with their parameters and capabilities. */
export function modelsCommand(context: Pick<CommandContext, 'io' | 'setExit'>): Command {
  return new Command('models')
    .summary('list the scenario models (built in and from --plugin) with their parameters and capabilities')
    .description('Lists every registered model: where it comes from, what it can do, the data it needs, and each\nparameter with its type, default and allowed values. Add --plugin PATH to include a plugin\'s models.')
    .addOption(new Option('--format <format>', 'text tables or json').choices(['text', 'json']).default('text'))
    .action((opts: { format: 'text' | 'json' }) => {
      const models = describeModels(listModels());
      context.io.stdout.write(opts.format === 'json' ? formatModelsJson(models) : formatModelsText(models));
      context.setExit(0);
    });
}
