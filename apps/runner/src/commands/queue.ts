import { Command, Option } from 'commander';
import { queueTarget, type QueueTarget } from '../queue/queue-target.js';
import type { CommandContext } from './batch.js';

/** `tailforge queue status`: what the batch queue holds, per batch. */
export function queueCommand(context: CommandContext): Command {
  const status = new Command('status')
    .summary('waiting / active / completed / failed / delayed jobs of each batch in the queue')
    .description(
      'Counts the jobs of the BullMQ queue "tailforge-batch" on --queue per batch (its output folder), newest\n' +
        'batch first, and the worker connections. Finished jobs stay a week. Exit 0; 1 when Redis cannot be reached;\n' +
        '2 for a malformed URL or a database the server does not have.',
    )
    .requiredOption('--queue <url>', 'Redis holding the queue: redis://[user:password@]HOST:PORT[/db], rediss:// for TLS', queueTarget)
    .addOption(new Option('--format <format>', 'text table or json').choices(['text', 'json']).default('text'))
    .action(async (opts: { queue: QueueTarget; format: 'text' | 'json' }) => {
      const { formatQueueStatus, queueStatus } = await import('../queue/queue-status.js'); // bullmq only when used
      const s = await queueStatus(opts.queue);
      context.io.stdout.write(opts.format === 'json' ? `${JSON.stringify(s, null, 2)}\n` : formatQueueStatus(s));
      context.setExit(0);
    });
  return new Command('queue').summary('inspect the distributed batch queue (BullMQ on Redis)').addCommand(
    status
      .exitOverride()
      .configureOutput({ writeOut: (t) => context.io.stdout.write(t), writeErr: (t) => context.io.stderr.write(t) })
      .showHelpAfterError('(add --help for usage)'),
  );
}
