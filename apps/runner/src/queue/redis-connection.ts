import { Redis } from 'ioredis';
import { InputError, TailforgeError } from '@tailforge/core';
import { redactText, type QueueTarget } from './queue-target.js';

/** How long a first connection may take before the command gives up. */
export const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connection options for BullMQ's clients. Blocking clients (workers, queue
 * events) wait on Redis indefinitely and must keep retrying commands across
 * reconnects (BullMQ requires `maxRetriesPerRequest: null` for them); the
 * coordinator's queue client fails a command after a few retries instead.
 */
export function bullConnection(target: QueueTarget, blocking: boolean): { url: string; connectTimeout: number; maxRetriesPerRequest?: null } {
  return { url: target.url, connectTimeout: CONNECT_TIMEOUT_MS, ...(blocking ? { maxRetriesPerRequest: null } : {}) };
}

/**
 * Opens a plain client that does not retry: a Redis that is down, a wrong
 * password or a host that does not answer is an error within
 * CONNECT_TIMEOUT_MS, naming the server by its redacted URL (exit code 1).
 * The URL's database is selected explicitly: one the server does not have
 * (`/99` on a server of 16) is an InputError (exit 2), where the client
 * would otherwise go on in database 0.
 */
export async function openChecked(target: QueueTarget): Promise<Redis> {
  // A short disconnectTimeout: after a failed connection ioredis would otherwise keep the process alive 2 s.
  const client = new Redis(target.url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, disconnectTimeout: 200, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, WRONGPASS...) says more than the rejection ("Connection is closed").
  let cause: Error | undefined;
  client.on('error', (e: Error) => (cause ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    const reason = redactText(target, String(cause?.message ?? (e as Error)?.message ?? e));
    throw new TailforgeError(`cannot reach Redis at ${target.display}: ${reason}`);
  }
  try {
    await client.call('SELECT', String(target.db));
  } catch (e) {
    client.disconnect();
    const reason = redactText(target, String((e as Error)?.message ?? e));
    throw new InputError(`Redis at ${target.display} has no database ${target.db} (${reason}): a server has databases 0 to its "databases" setting − 1 (16 by default)`);
  }
  return client;
}

/** Checks that Redis answers (see openChecked). */
export async function assertReachable(target: QueueTarget): Promise<void> {
  const client = await openChecked(target);
  client.disconnect();
}
