import { InvalidArgumentError } from 'commander';

/** A Redis server that holds the batch queue, from `--queue redis://[user:password@]host:port[/db]`. */
export interface QueueTarget {
  /** The URL as given, password included: only ever handed to the Redis client. */
  readonly url: string;
  /** The URL with its password replaced by `***`: the only form logs, reports and manifests show. */
  readonly display: string;
}

/** Hides the password of a Redis URL (`redis://user:***@host:6379/0`). */
export function redactUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/**
 * Parses `--queue`: `redis://` or `rediss://` (TLS), a host, an optional
 * port (default 6379), user, password and database number. Commander turns
 * the thrown error into a usage error (exit 2); the message never repeats
 * the password.
 */
export function queueTarget(value: string): QueueTarget {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError('expected a Redis URL redis://HOST:PORT (or rediss:// for TLS), e.g. redis://127.0.0.1:6379');
  }
  const shown = redactUrl(url);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new InvalidArgumentError(`expected redis:// or rediss://, got ${shown}`);
  if (url.hostname === '') throw new InvalidArgumentError(`the Redis URL names no host: ${shown}`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) throw new InvalidArgumentError(`the database in a Redis URL is a number (redis://HOST:PORT/0), got ${shown}`);
  if (url.search !== '' || url.hash !== '') throw new InvalidArgumentError(`a Redis URL takes no query or fragment: ${shown}`);
  return { url: url.href, display: shown };
}
