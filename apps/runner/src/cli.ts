import { Command, CommanderError, Option } from 'commander';
import { loadPlugins, ownVersion, registerBuiltinModels, TailforgeError } from '@tailforge/core';
import { createLogger, type LogFormat, type Logger } from './log/logger.js';
import { logFormat, pluginList } from './options.js';
import { runCommand } from './commands/run.js';
import { trainCommand } from './commands/train.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { batchCommand } from './commands/batch.js';
import { historyCommand } from './commands/history.js';
import { backtestCommand } from './commands/backtest.js';
import { modelsCommand } from './commands/models.js';
import { checkModelCommand } from './commands/check-model.js';
import { checkDataCommand } from './commands/check-data.js';
import { anomalyCommand } from './commands/anomaly.js';
import { workerCommand } from './commands/worker.js';
import { queueCommand } from './commands/queue.js';
import { generateCommand } from './commands/generate.js';
import { doctorCommand } from './commands/doctor.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Exit codes: 0 success; 1 failure (a defect); 2 bad usage, bad input or a
 * problem of the environment (a full disk, no permission: the message names
 * the option, or the file, row and column, or the cause).
 */
export const EXIT = { ok: 0, failure: 1, input: 2 } as const;

/** Runs the tailforge command line; resolves to the process exit code and never throws. */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  registerBuiltinModels();
  let exitCode: number = EXIT.ok;
  let logger: Logger | undefined;
  const program = new Command('tailforge');
  const log = (): Logger => {
    if (logger === undefined) {
      const o = program.opts<{ logFormat?: LogFormat; quiet?: boolean }>();
      logger = createLogger({ format: o.logFormat ?? (io.stderr.isTTY ? 'text' : 'json'), quiet: o.quiet ?? false, stream: io.stderr });
    }
    return logger;
  };
  program
    .description('tailforge: stress scenarios from generative and classical models; VaR, expected shortfall and drawdowns; reports.')
    .version(ownVersion(import.meta.url) ?? '0.0.0', '-V, --version')
    .addOption(new Option('--log-format <format>', 'text or json lines (default: text on a terminal, json otherwise)').argParser(logFormat))
    .option('-q, --quiet', 'print errors only')
    .option('--plugin <path|package>', 'load scenario models from a plugin (a file, a package folder or an installed package), repeatable', pluginList)
    .addHelpText(
      'after',
      '\nExit codes:\n' +
        '  0  success (batch: every job ran or was up to date)\n' +
        '  1  failure: a defect (report it); batch: at least one job failed\n' +
        '  2  bad usage or bad input, or the environment (disk full, no permission): the message names the option,\n' +
        '     or the file, row/line and column/key, or the cause;\n' +
        '     batch: the config is invalid and nothing ran\n' +
        'Examples:\n  tailforge run --portfolio examples/portfolios/balanced.csv --prices examples/dowjones30_prices.csv --out out/example\n' +
        '  tailforge batch --config examples/nightly.yaml\n' +
        '  tailforge history --portfolio dj-01-industrials --db examples/out/nightly/history.sqlite\n' +
        '  tailforge models --plugin examples/plugins/ewma-t\n' +
        '  tailforge check-model ewma-t --plugin examples/plugins/ewma-t\n' +
        '  tailforge check-data --prices examples/dowjones30_prices.csv\n' +
        '  tailforge anomaly --prices examples/swx_prices.csv --out out/anomaly\n' +
        '  tailforge doctor',
    )
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const context = { log, argv, io, setExit: (c: number) => (exitCode = c) };
  program.addCommand(runCommand(context).exitOverride());
  program.addCommand(trainCommand(context).exitOverride());
  program.addCommand(diagnoseCommand({ ...context, stdout: () => io.stdout }).exitOverride());
  program.addCommand(batchCommand(context).exitOverride());
  program.addCommand(historyCommand(context).exitOverride());
  program.addCommand(backtestCommand(context).exitOverride());
  program.addCommand(modelsCommand(context).exitOverride());
  program.addCommand(checkModelCommand(context).exitOverride());
  program.addCommand(checkDataCommand(context).exitOverride());
  program.addCommand(anomalyCommand(context).exitOverride());
  program.addCommand(generateCommand(context).exitOverride());
  // Plugins load before any command runs, so their models are known to it like built-in ones.
  program.hook('preAction', async () => {
    await loadPlugins(program.opts<{ plugin?: string[] }>().plugin ?? []);
  });
  program.addCommand(workerCommand(context).exitOverride());
  program.addCommand(queueCommand(context).exitOverride());
  program.addCommand(doctorCommand(context).exitOverride());
  // Subcommands inherit the output routing and error handling.
  for (const c of program.commands) c.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError('(add --help for usage)');

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.input;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io, logger);
  }
}

/**
 * Errors of the machine the user runs on, not of tailforge: a full disk, a
 * quota, a read-only file system, no permission, too many open files, not
 * enough memory for an array. One line naming the cause (and the path when
 * known), exit 2, like bad input: the user can fix them, a report cannot.
 */
const ENVIRONMENT_CODES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
};

/** The one-line reason of an environment error (see ENVIRONMENT_CODES), or undefined for anything else. */
export function environmentProblem(e: NodeJS.ErrnoException | undefined): string | undefined {
  if (e === undefined || e === null || typeof e !== 'object') return undefined;
  const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
  const code = e.code ?? cause?.code;
  const path = e.path ?? cause?.path;
  if (code !== undefined && ENVIRONMENT_CODES[code] !== undefined) return `${ENVIRONMENT_CODES[code]} (${code})${path !== undefined ? ` on ${path}` : ''}`;
  if (e instanceof RangeError && /Array buffer allocation failed|Invalid typed array length|Invalid array length/.test(e.message)) {
    return `not enough memory for the run (${e.message}); use fewer --paths or a shorter --horizon, or --path-store FILE to stream the paths through a file`;
  }
  return undefined;
}

function reportError(err: unknown, io: CliIo, logger: Logger | undefined): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (help, version, or the usage error).
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT.ok : EXIT.input;
  }
  if (err instanceof TailforgeError) {
    if (logger) logger.error('error', err.message, { exitCode: err.exitCode });
    else io.stderr.write(`error: ${err.message}\n`);
    if (process.env.TAILFORGE_DEBUG) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  const env = environmentProblem(e);
  if (env !== undefined) {
    if (logger) logger.error('error', env, { exitCode: EXIT.input });
    else io.stderr.write(`error: ${env}\n`);
    if (process.env.TAILFORGE_DEBUG) io.stderr.write(`${e?.stack}\n`);
    return EXIT.input;
  }
  const message = e?.code && e?.path ? `${e.code} on ${e.path}: ${e.message}` : String(e?.message ?? err);
  if (logger) logger.error('failure', message, { exitCode: EXIT.failure });
  else io.stderr.write(`error: ${message}\n`);
  io.stderr.write(process.env.TAILFORGE_DEBUG ? `${e?.stack}\n` : 'This is not an input error; set TAILFORGE_DEBUG=1 for the stack trace and report it.\n');
  return EXIT.failure;
}
