import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import {
  activeBackend,
  heldOutEvaluation,
  InputError,
  isCganModel,
  loadModel,
  toLogReturns,
  writeFileAtomic,
  type BackendChoice,
  type MissingPolicy,
} from '@tailforge/core';
import { readAndCheck } from './data-warnings.js';
import type { Logger } from '../log/logger.js';
import { missingPolicy, positiveInt, seed } from '../options.js';
import { escapeHtml as esc, htmlPage, modelCardSection } from '@tailforge/report';
import { versions } from '../output/manifest.js';
import { backendOption, startBackend } from './backend-option.js';

interface DiagnoseOptions {
  modelDir: string;
  prices: string;
  out: string;
  from?: string;
  reps: number;
  seed: number;
  missing: MissingPolicy;
  backend: BackendChoice;
}

export const DIAGNOSTICS_SCHEMA = 'tailforge.diagnostics';

/**
 * `tailforge diagnose`: the model card of a trained cgan on held-out data,
 * with the state-filtered fhs, bootstrap and gaussian baselines fitted on the days before it.
 * Writes diagnostics.json and diagnostics.html and prints a short table.
 */
export function diagnoseCommand(context: { log: () => Logger; argv: readonly string[]; setExit: (code: number) => void; stdout: () => NodeJS.WritableStream }): Command {
  return new Command('diagnose')
    .summary('model card: compare a trained cgan\'s windows with real held-out windows and the baselines')
    .description(
      'Loads the cgan in --model-dir, cuts the held-out days of --prices (from --from, default the first day after the\n' +
        'model\'s data) into windows, generates windows from each one\'s starting state, fits the fhs (started from each\n' +
        'window\'s filtered variances), bootstrap and gaussian baselines on the days before, and writes diagnostics.json\n' +
        'and diagnostics.html (with ok/warn verdicts per metric) to --out.',
    )
    .requiredOption('--model-dir <dir>', 'a trained cgan model (from `tailforge train --model cgan`)')
    .requiredOption('--prices <file>', 'daily closing prices CSV holding the model\'s symbols')
    .option('--out <dir>', 'output directory', 'out/diagnostics')
    .option('--from <date>', 'first held-out date (YYYY-MM-DD); default: the first date after the model\'s data (or its last fifth, flagged in-sample)')
    .option('--reps <n>', 'generated windows per real window', positiveInt('--reps', 1000), 4)
    .option('--seed <n>', 'random seed for the generated windows and baselines', seed, 1)
    .addOption(
      new Option('--missing <policy>', 'missing price cells: error, ffill or drop')
        .choices(['error', 'ffill', 'drop'])
        .argParser(missingPolicy)
        .default('error'),
    )
    .addOption(backendOption())
    .action(async (opts: DiagnoseOptions) => {
      const log = context.log();
      const t0 = Date.now();
      await startBackend(opts.backend, log, true);
      const model = await loadModel(opts.modelDir);
      if (!isCganModel(model)) {
        throw new InputError(`diagnose compares a conditional model's windows with held-out data; this is a ${model.name} model`, { file: opts.modelDir });
      }
      const { data: { table } } = await readAndCheck({ prices: opts.prices, symbols: [...model.symbols], missing: opts.missing }, log);
      const returns = toLogReturns(table);
      // Default: the first day after the model's data; without such days, the last fifth of them (flagged in-sample).
      const after = returns.dates.find((d) => d > model.fitInfo.lastDate);
      const from = opts.from ?? after ?? returns.dates[Math.floor(0.8 * returns.dates.findLastIndex((d) => d <= model.fitInfo.lastDate))];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new InputError(`--from must be a date YYYY-MM-DD, got "${from}"`);
      const fromIndex = returns.dates.findIndex((d) => d >= from);
      if (fromIndex < 0) throw new InputError(`no returns on or after ${from}`, { file: opts.prices });
      const firstFit = returns.dates.findIndex((d) => d >= model.fitInfo.firstDate);
      const inSample = from <= model.fitInfo.lastDate;
      const ev = await heldOutEvaluation(model, returns, { fromIndex, reps: opts.reps, seed: opts.seed, baselineFrom: Math.max(0, Math.min(firstFit, fromIndex)) });

      const dir = resolve(opts.out);
      await mkdir(dir, { recursive: true });
      const realDescription = `${ev.heldOut.nWindows} windows (stride 1) starting ${ev.heldOut.firstDate}..., data to ${ev.heldOut.lastDate}${inSample ? ' — NOT held out: these days were used for training' : ''}`;
      const baselineDescription = ev.baselineDates ? `${ev.baselineDates[0]}..${ev.baselineDates[1]}` : 'no days (baselines skipped)';
      const doc = {
        schema: DIAGNOSTICS_SCHEMA,
        schemaVersion: 1,
        command: ['tailforge', ...context.argv],
        createdAt: new Date().toISOString(),
        model: { name: model.name, id: model.id, dir: resolve(opts.modelDir), symbols: model.symbols, params: model.params, training: { ...model.training, history: undefined } },
        backend: activeBackend()?.name ?? null,
        prices: resolve(opts.prices),
        heldOut: { ...ev.heldOut, inSample },
        baselineDates: ev.baselineDates ?? null,
        reps: opts.reps,
        seed: opts.seed,
        card: ev.card,
        versions: versions(),
      };
      const html = htmlPage(
        `tailforge diagnostics: ${model.id}`,
        `<h1>Model card: ${esc(model.id)}</h1>
<p class="meta">${esc(model.symbols.join(', '))} · window ${model.window} days · trained ${esc(model.training.trainDates[0])}..${esc(model.training.trainDates[1])} on ${esc(model.training.backend)} · generated on ${esc(doc.backend ?? '')} · seed ${opts.seed}</p>
${await modelCardSection(ev.card, { symbols: model.symbols, realDescription, baselineDescription, warnings: model.fitInfo.warnings, ...(model.training.memberRisk !== undefined ? { memberRisk: model.training.memberRisk } : {}) })}`,
      );
      const files = { json: join(dir, 'diagnostics.json'), html: join(dir, 'diagnostics.html') };
      await writeFileAtomic(files.json, `${JSON.stringify(doc, null, 2)}\n`);
      await writeFileAtomic(files.html, html);

      const out = context.stdout();
      const names = ev.card.models.map((m) => m.name);
      const line = (label: string, values: string[]): string => `${label.padEnd(30)}${values.map((v) => v.padStart(11)).join('')}\n`;
      out.write(line('held out', [`${ev.heldOut.firstDate}..${ev.heldOut.lastDate}`]));
      out.write(line('', ['real', ...names]));
      const mean = (x: readonly number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
      const real = ev.card.real;
      out.write(line('excess kurtosis (mean)', [real, ...ev.card.models.map((m) => m.stats)].map((s) => mean(s.excessKurtosis).toFixed(3))));
      out.write(line('ACF |r| lags 1-5 (mean)', [real, ...ev.card.models.map((m) => m.stats)].map((s) => mean(s.acfAbs.slice(0, 5).filter(Number.isFinite)).toFixed(3))));
      const err = (label: string, pick: (e: (typeof ev.card.models)[number]['errors']) => number): void => {
        out.write(line(label, ['', ...ev.card.models.map((m) => pick(m.errors).toFixed(4))]));
      };
      err('W1 / std', (e) => e.w1Scaled);
      err('1% quantile error', (e) => e.q01Error);
      err('99% quantile error', (e) => e.q99Error);
      err('ACF r error 1-5', (e) => e.acfError1to5);
      err('ACF |r| error 1-5', (e) => e.acfAbsError1to5);
      err('correlation MAE', (e) => e.correlationMae);
      err(`${ev.card.horizon}d portfolio W1`, (e) => e.portfolioW1);
      log.info('done', `wrote ${files.json} and ${files.html} in ${((Date.now() - t0) / 1000).toFixed(1)} s`, { out: dir });
      context.setExit(0);
    });
}
