import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { hasFindingsAtLeast, listModels, writeFileAtomic, type MissingPolicy, type RawParams, type ReturnsKind } from '@tailforge/core';
import { readAndCheck } from './data-warnings.js';
import { marketFile } from './run.js';
import type { Logger } from '../log/logger.js';
import { confidenceList, isoDate, missingPolicy, modelParam, positiveInt, seed } from '../options.js';
import { backtest, backtestCsv, buildBacktestSummary, type BacktestConfig } from '@tailforge/engine';
import { renderBacktestReport } from '@tailforge/report';
import { fileRecord, versions } from '../output/manifest.js';

interface BacktestOptions {
  portfolio: string;
  prices?: string;
  returns?: string;
  returnsKind?: ReturnsKind;
  strict?: boolean;
  model: string[];
  modelParam?: RawParams;
  from: string;
  to?: string;
  refit: number;
  horizon: number;
  confidence: number[];
  paths: number;
  seed: number;
  missing: MissingPolicy;
  lookback?: number;
  refitMode: 'full' | 'warm';
  refitEpochs?: number;
  reference?: string;
  out: string;
}


function modelNames(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new InvalidArgumentError('give at least one model, e.g. bootstrap,gaussian');
  return [...new Set(names)];
}

export function backtestCommand(context: { log: () => Logger; argv: readonly string[]; setExit: (code: number) => void }): Command {
  return new Command('backtest')
    .summary('walk-forward VaR / ES backtest of one or more models against realised P&L')
    .description(
      'For each day from --from, fits each model on data up to that day only (refitting every --refit days),\n' +
        'forecasts the next --horizon days\' VaR and ES of the portfolio held that day, and compares with the realised P&L.\n' +
        'Reports exceptions, Kupiec POF, Christoffersen independence and conditional coverage, the Basel traffic light\n' +
        '(99% VaR, last 250 days), the Acerbi–Székely Z2 and Du–Escanciano tests of ES, and compares the models:\n' +
        'FZ0 and quantile losses, Diebold–Mariano against --reference, model confidence set ranking.\n' +
        'Conditional models get each forecast day\'s own state; refits after the first are warm (--refit-mode) where the model supports it.\n' +
        'Writes backtest.json, backtest.csv, report.html, manifest.json.',
    )
    .requiredOption('--portfolio <file>', 'portfolio file (CSV or JSON, as for `tailforge run`)')
    .option('--prices <file>', 'daily closing prices CSV')
    .option('--returns <file>', 'returns CSV instead of --prices (daily, weekly or monthly; --horizon counts those periods); positions in market value')
    .addOption(new Option('--returns-kind <kind>', 'with --returns: simple or log').choices(['simple', 'log']))
    .option('--strict', 'exit 1 when the data checks find a warning of severity warn or error (outputs are still written)')
    .requiredOption('--from <date>', 'first forecast date (YYYY-MM-DD)', isoDate)
    .requiredOption('--out <dir>', 'output directory')
    .addOption(new Option('--model <list>', `comma-separated models to compare: ${listModels().map((m) => m.name).join(', ')}`).argParser(modelNames).default(['bootstrap', 'gaussian'], 'bootstrap,gaussian'))
    .option('--model-param <key=value>', 'model parameter for every model, repeatable', modelParam)
    .option('--to <date>', 'last forecast date (default: the last date with --horizon days after it)', isoDate)
    .option('--refit <days>', 'refit the models every N forecast days', positiveInt('--refit', 10_000), 20)
    .option('--horizon <days>', 'forecast horizon in trading days', positiveInt('--horizon', 250), 1)
    .option('--confidence <list>', 'VaR / ES confidence levels', confidenceList, confidenceList('0.975,0.99'))
    .option('--paths <n>', 'scenario paths per forecast', positiveInt('--paths', 10_000_000), 2000)
    .option('--seed <n>', 'random seed (each forecast day draws from its own stream)', seed, 1)
    .addOption(new Option('--missing <policy>', 'missing price cells: error, ffill or drop').choices(['error', 'ffill', 'drop']).argParser(missingPolicy).default('error'))
    .option('--lookback <days>', 'fit each model on at most the last N returns (default: all history up to the forecast day)', positiveInt('--lookback'))
    .addOption(
      new Option('--refit-mode <mode>', 'refits after the first (always full) fit: warm = continue from the previous fit (models that support it: cgan), full = from scratch')
        .choices(['full', 'warm'])
        .default('warm'),
    )
    .option('--refit-epochs <n>', 'training epochs of a warm refit (default: the model\'s own, cgan: epochs/10)', positiveInt('--refit-epochs', 100_000))
    .option('--reference <model>', 'model the others are compared against (Diebold–Mariano on the FZ0 loss); default fhs when compared, else the first model')
    .action(async (opts: BacktestOptions) => {
      const log = context.log();
      const startedAt = new Date();
      const market = marketFile(opts);
      const { warnings } = await readAndCheck(
        market.returnsKind !== undefined ? { returns: market.pricesFile, returnsKind: market.returnsKind, missing: opts.missing } : { prices: market.pricesFile, missing: opts.missing },
        log,
      );
      const config: BacktestConfig & { returnsKind?: ReturnsKind } = {
        portfolioFile: opts.portfolio,
        ...market,
        models: opts.model,
        modelParams: opts.modelParam ?? {},
        from: opts.from,
        to: opts.to,
        refit: opts.refit,
        horizon: opts.horizon,
        confidence: opts.confidence,
        paths: opts.paths,
        seed: opts.seed,
        missing: opts.missing,
        lookback: opts.lookback,
        refitMode: opts.refitMode,
        ...(opts.refitEpochs !== undefined ? { refitEpochs: opts.refitEpochs } : {}),
        ...(opts.reference !== undefined ? { reference: opts.reference } : {}),
      };
      const result = await backtest(config, { log });
      const summary = { ...buildBacktestSummary(result, result.evaluation, startedAt.toISOString(), result.comparison), warnings };
      const dir = resolve(opts.out);
      await mkdir(dir, { recursive: true });
      const files = { json: join(dir, 'backtest.json'), csv: join(dir, 'backtest.csv'), report: join(dir, 'report.html'), manifest: join(dir, 'manifest.json') };
      await writeFileAtomic(files.json, `${JSON.stringify(summary, null, 2)}\n`);
      await writeFileAtomic(files.csv, backtestCsv(result));
      await writeFileAtomic(files.report, await renderBacktestReport(result, summary, warnings));
      const finishedAt = new Date();
      const manifest = {
        schema: 'tailforge.manifest',
        schemaVersion: 1,
        kind: 'backtest',
        command: ['tailforge', ...context.argv],
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        inputs: await Promise.all([fileRecord('portfolio', config.portfolioFile), fileRecord(config.returnsKind !== undefined ? 'returns' : 'prices', config.pricesFile)]),
        settings: { ...config, portfolioFile: undefined, pricesFile: undefined, missingPolicy: config.missing },
        missingData: result.missingReport,
        warnings,
        models: result.forecasts.map((f) => ({ name: f.model, fittedIds: f.fittedIds, fullFits: f.fullFits, warmRefits: f.warmRefits, state: f.state, seconds: f.seconds })),
        backend: 'js',
        versions: versions(),
        outputs: await Promise.all([fileRecord('backtest', files.json), fileRecord('csv', files.csv), fileRecord('report', files.report)]),
      };
      await writeFileAtomic(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
      for (const m of summary.models) {
        for (const l of m.levels) {
          log.info(
            'backtest',
            `${m.model} ${(l.confidence * 100).toFixed(1)}%: ${l.exceptions}/${l.observations} exceptions (expected ${l.expectedExceptions.toFixed(1)}), Kupiec p=${l.kupiec.pValue.toFixed(3)}, CC p=${l.christoffersen.pCc.toFixed(3)}${l.basel ? `, Basel ${l.basel.zone}` : ''}, Z2=${l.z2.toFixed(2)}, DE U p=${l.duEscanciano.unconditional.pValue.toFixed(3)}, FZ0=${l.fz0Loss === null ? '–' : l.fz0Loss.toFixed(4)}`,
            { model: m.model, ...l },
          );
        }
      }
      for (const lv of result.comparison?.levels ?? []) {
        const dm = lv.dm.map((d) => `${d.model} DM=${d.statistic === null ? d.status : d.statistic.toFixed(2)} p=${d.pValue === null ? '–' : d.pValue.toFixed(3)}`).join(', ');
        log.info('compare', `${(lv.confidence * 100).toFixed(1)}%: best ${lv.best} (FZ0); vs ${lv.reference}: ${dm || 'no other model'}`, { ...lv });
      }
      log.info('done', `wrote ${dir}/{backtest.json,backtest.csv,report.html,manifest.json} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`, { out: dir });
      const failed = opts.strict === true && hasFindingsAtLeast(warnings, 'warn');
      if (failed) log.error('strict', `--strict: ${warnings.length} warning(s); the outputs are written, the backtest fails`, { warnings: warnings.length });
      context.setExit(failed ? 1 : 0);
    });
}
