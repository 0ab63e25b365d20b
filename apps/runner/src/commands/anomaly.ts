import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import {
  InputError,
  readMarketData,
  readModelDir,
  scoreStateHistory,
  toLogReturns,
  writeFileAtomic,
  ANOMALY_PERCENTILE,
  type AnomalyHistory,
} from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { positiveInt } from '../options.js';
import { csvLine } from '@tailforge/engine';
import { renderAnomalyReport } from '@tailforge/report';
import type { CommandContext } from './batch.js';
import { addMarketDataOptions, marketDataSource, type MarketDataOptions } from './market-data-options.js';

interface AnomalyOptions extends MarketDataOptions {
  modelDir?: string;
  out: string;
  stateWindow?: number;
}

export const ANOMALY_SCHEMA = 'tailforge.anomaly';
const TOP_DAYS = 25;

/**
 * `tailforge anomaly`: how unusual each day's market state is against the
 * training states (a model's fitting period with --model-dir, else the whole
 * history). Writes anomaly.json, anomaly.csv and anomaly.html (the score over
 * time, days above the 99th percentile marked) and prints the most unusual days.
 */
export function anomalyCommand(context: Pick<CommandContext, 'io' | 'setExit' | 'argv'> & { log: () => Logger }): Command {
  const command = new Command('anomaly')
    .summary('score how unusual each day\'s market state is against the states a model was trained on')
    .description(
      'Computes the market state of every day (the cgan\'s state features: market and per-asset log volatilities over\n' +
        '--state-window days, the last 5 market returns, each asset\'s 5-day move), fits a robust Mahalanobis distance\n' +
        '(median/MAD standardisation, winsorised Ledoit-Wolf covariance) on the training states and scores every day with\n' +
        'its distance and its percentile among the training states. With --model-dir the training states are those of the\n' +
        'model\'s fitting period, on its symbols (a cgan\'s stateWindow too); without it, the whole history.\n' +
        'Writes anomaly.json, anomaly.csv and anomaly.html to --out.',
    );
  addMarketDataOptions(command);
  return command
    .option('--model-dir <dir>', 'a saved model (tailforge train): its symbols, fitting period and (cgan) state window')
    .option('--state-window <days>', 'days of returns in a state (default: the cgan\'s stateWindow, else 20)', positiveInt('--state-window', 250))
    .option('--out <dir>', 'output directory', 'out/anomaly')
    .action(async (opts: AnomalyOptions) => {
      const log = context.log();
      let symbols = opts.symbols;
      let stateWindow = opts.stateWindow;
      let training: { from: string; to: string; model: string } | undefined;
      if (opts.modelDir !== undefined) {
        const { meta } = await readModelDir(opts.modelDir);
        if (symbols !== undefined) throw new InputError('--symbols and --model-dir: the model brings its own symbols');
        symbols = [...meta.symbols];
        const sw = meta.params.stateWindow;
        if (stateWindow === undefined && typeof sw === 'number') stateWindow = sw;
        training = { from: meta.fitInfo.firstDate, to: meta.fitInfo.lastDate, model: meta.id };
      }
      const data = await readMarketData(marketDataSource({ ...opts, ...(symbols !== undefined ? { symbols } : {}) }));
      const returns = toLogReturns(data.table, { minObservations: 2 });
      const history = scoreStateHistory(returns, {
        stateWindow: stateWindow ?? 20,
        ...(training !== undefined ? { trainFrom: training.from, trainTo: training.to } : {}),
      });
      const n = history.dates.length;
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => history.distance[b] - history.distance[a]);
      const anomalous = order.filter((i) => history.percentile[i] >= ANOMALY_PERCENTILE && history.distance[i] > history.threshold);
      const top = anomalous.slice(0, TOP_DAYS);
      const last = n - 1;

      const dir = resolve(opts.out);
      await mkdir(dir, { recursive: true });
      const doc = {
        schema: ANOMALY_SCHEMA,
        schemaVersion: 1,
        command: ['tailforge', ...context.argv],
        createdAt: new Date().toISOString(),
        input: { ...data.input, symbols: data.table.symbols },
        model: training ?? null,
        stateWindow: history.stateWindow,
        features: history.features,
        training: { firstDate: history.trainingDates[0], lastDate: history.trainingDates[1], states: history.nTraining },
        method: { distance: 'robust Mahalanobis (median/MAD, winsorised at 4, Ledoit-Wolf shrinkage)', shrinkage: history.shrinkage, threshold: history.threshold, thresholdPercentile: ANOMALY_PERCENTILE },
        latest: { date: history.dates[last], distance: history.distance[last], percentile: history.percentile[last] },
        anomalousDays: anomalous.length,
        days: history.dates.map((date, i) => ({ date, distance: history.distance[i], percentile: history.percentile[i], training: history.training[i] === 1 })),
      };
      const csv = [csvLine(['date', 'distance', 'percentile', 'training', 'anomalous'])];
      for (let i = 0; i < n; i++) {
        csv.push(csvLine([history.dates[i], history.distance[i], history.percentile[i], history.training[i], history.distance[i] > history.threshold ? 1 : 0]));
      }
      const files = { json: join(dir, 'anomaly.json'), csv: join(dir, 'anomaly.csv'), html: join(dir, 'anomaly.html') };
      await writeFileAtomic(files.json, `${JSON.stringify(doc, null, 2)}\n`);
      await writeFileAtomic(files.csv, csv.join(''));
      await writeFileAtomic(files.html, await renderAnomalyReport(history, data.input.file, training?.model, top));

      const out = context.io.stdout;
      out.write(
        `${history.dates[0]}..${history.dates[last]}: ${n} states of ${data.table.symbols.length} symbols (window ${history.stateWindow}), ` +
          `trained on ${history.nTraining} (${history.trainingDates[0]}..${history.trainingDates[1]}); ` +
          `${anomalous.length} days above the 99th percentile (distance ${history.threshold.toFixed(2)})\n`,
      );
      out.write(`latest ${history.dates[last]}: distance ${history.distance[last].toFixed(2)}, percentile ${(history.percentile[last] * 100).toFixed(1)}%\n`);
      for (const i of top.slice(0, 10)) out.write(`  ${history.dates[i]}  distance ${history.distance[i].toFixed(2)}\n`);
      log.info('done', `wrote ${files.json}, ${files.csv} and ${files.html}`, { out: dir });
      context.setExit(0);
    });
}
