import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { InputError } from '@tailforge/core';
import { HistoryDb } from '@tailforge/history';
import { formatHistory, type HistoryFormat } from '../history/format-history.js';
import { positiveInt } from '../options.js';
import type { CommandContext } from './batch.js';

interface HistoryOptions {
  portfolio: string;
  db: string;
  format: HistoryFormat;
  model?: string;
  horizon?: number;
  limit?: number;
}

/** `tailforge history`: the recorded runs of one portfolio, as a table, JSON or CSV. */
export function historyCommand(context: CommandContext): Command {
  return new Command('history')
    .summary('print the recorded runs of a portfolio (VaR, ES, drawdowns over time)')
    .description('Reads the results history database that `tailforge batch` (and `tailforge run --history`) write,\nand prints the runs of --portfolio, oldest first.')
    .requiredOption('--portfolio <name>', 'portfolio name (as in the reports: the JSON "name", else the file name without extension)')
    .option('--db <file>', 'history database', 'history.sqlite')
    .addOption(new Option('--format <format>', 'text table, json or csv').choices(['text', 'json', 'csv']).default('text'))
    .option('--model <name>', 'only runs of this model')
    .option('--horizon <days>', 'only runs over this horizon', positiveInt('--horizon', 2520))
    .option('--limit <n>', 'only the latest N runs', positiveInt('--limit'))
    .action((opts: HistoryOptions) => {
      if (!existsSync(opts.db)) throw new InputError('no history database here (pass --db, e.g. examples/out/nightly/history.sqlite)', { file: opts.db });
      const db = HistoryDb.open(opts.db, { readonly: true });
      try {
        const runs = db.runs({ portfolio: opts.portfolio, modelName: opts.model, horizonDays: opts.horizon, limit: opts.limit });
        if (runs.length === 0) {
          const known = db.portfolios();
          throw new InputError(
            `no runs of portfolio "${opts.portfolio}"${opts.model ? ` with model ${opts.model}` : ''}${opts.horizon ? ` over ${opts.horizon} days` : ''}; portfolios in the history: ${known.length > 0 ? known.slice(0, 30).join(', ') + (known.length > 30 ? ', …' : '') : 'none'}`,
            { file: opts.db },
          );
        }
        context.io.stdout.write(formatHistory(opts.portfolio, runs, opts.format));
      } finally {
        db.close();
      }
      context.setExit(0);
    });
}
