import { Command, Option } from 'commander';
import {
  checkMarketData,
  countBySeverity,
  formatFindings,
  getModel,
  hasFindingsAtLeast,
  readMarketData,
  type RawParams,
} from '@tailforge/core';
import { modelParam } from '../options.js';
import type { CommandContext } from './batch.js';
import { addMarketDataOptions, marketDataSource, type MarketDataOptions } from './market-data-options.js';

interface CheckDataCommandOptions extends MarketDataOptions {
  model?: string;
  modelParam?: RawParams;
  ignore?: string[];
  strict?: boolean;
  format: 'text' | 'json';
}

export const DATA_CHECK_SCHEMA = 'tailforge.data-check';

/**
 * `tailforge check-data`: the data checks on a prices or returns file.
 * Exit codes: 0 no `error` finding (and, with --strict, no `warn` one);
 * 1 an `error` finding, or a `warn` one with --strict; 2 bad usage or a file
 * that cannot be read (the message names file, row and column).
 */
export function checkDataCommand(context: Pick<CommandContext, 'io' | 'setExit'>): Command {
  const command = new Command('check-data')
    .summary('check a prices or returns file: stale quotes, bad ticks, gaps, filled cells, too little history')
    .description(
      'Runs the data checks on --prices FILE or --returns FILE and prints one line per finding (severity, code,\n' +
        'message naming the symbol and dates): stale runs and zero returns per asset and weekday, jumps taken back the\n' +
        'next day (bad ticks) or matching a split, calendar gaps, cells filled or dropped by --missing and whether they\n' +
        'fall in a high-volatility period, too little history (for --model), a file of returns read as prices.\n\n' +
        'Exit codes: 0 no error finding (with --strict: no warn finding either); 1 an error finding, or with --strict\n' +
        'a warn finding; 2 bad usage or an unreadable file.',
    );
  addMarketDataOptions(command);
  return command
    .option('--model <name>', 'also check there is enough history for this model (its minimum number of returns)')
    .option('--model-param <key=value>', 'parameter of --model, repeatable (the minimum can depend on it)', modelParam)
    .option('--ignore <codes>', 'leave out findings with these codes (comma-separated, e.g. unchanged-day)', (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .option('--strict', 'exit 1 on warn findings too')
    .addOption(new Option('--format <format>', 'text lines or json').choices(['text', 'json']).default('text'))
    .action(async (opts: CheckDataCommandOptions) => {
      const minObservations = opts.model !== undefined ? getModel(opts.model).minObservations(opts.modelParam ?? {}) : undefined;
      const data = await readMarketData(marketDataSource(opts));
      const findings = checkMarketData(data, {
        ...(minObservations !== undefined ? { minObservations, model: opts.model } : {}),
        ...(opts.ignore !== undefined ? { ignore: opts.ignore } : {}),
      });
      const { table, frequency, input } = data;
      const T = table.dates.length;
      const failed = hasFindingsAtLeast(findings, opts.strict ? 'warn' : 'error');
      if (opts.format === 'json') {
        const doc = {
          schema: DATA_CHECK_SCHEMA,
          schemaVersion: 1,
          input: {
            ...input,
            symbols: table.symbols,
            rows: T,
            firstDate: table.dates[0],
            lastDate: table.dates[T - 1],
            frequency: frequency.frequency,
            medianSpacingDays: frequency.medianSpacingDays,
          },
          missing: data.report,
          counts: countBySeverity(findings),
          strict: opts.strict === true,
          passed: !failed,
          findings,
        };
        context.io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      } else {
        const what = input.kind === 'returns' ? `${frequency.frequency} ${input.returnsKind} returns as a price index from ${input.baseDate}` : `${frequency.frequency} prices`;
        const missing = data.report.missingCells > 0 ? `; ${data.report.missingCells} missing cells (--missing ${data.report.policy})` : '';
        context.io.stdout.write(
          `${input.file}: ${what}, ${table.symbols.length} symbols, ${T} rows ${table.dates[0]}..${table.dates[T - 1]}${missing}\n${formatFindings(findings)}`,
        );
      }
      context.setExit(failed ? 1 : 0);
    });
}
