import { InputError } from '@tailforge/core';

/** A Redis server that holds the batch queue, from `--queue redis://[user:password@]host:port[/db]`. */
export interface QueueTarget {
  /** The URL as given, password included: only ever handed to the Redis client. */
  readonly url: string;
  /** The URL with its password replaced by `***`: the only form logs, reports and manifests show. */
  readonly display: string;
  /** The database number the URL names (0 when it names none). */
  readonly db: number;
  /** The password as given and as decoded, to hide wherever a message might repeat it ('' when none). */
  readonly secrets: readonly string[];
}

/**
 * A bad `--queue` value: exit 2 with one line that never repeats the value
 * (it may hold a password). Not commander's InvalidArgumentError, whose
 * message quotes the raw argument.
 */
export class QueueUrlError extends InputError {
  constructor(reason: string) {
    super(`--queue: ${reason}`);
    this.name = 'QueueUrlError';
  }
}

/** `text` with every form of the target's URL and password replaced by the redacted URL / `***`. */
export function redactText(target: QueueTarget, text: string): string {
  let t = text.split(target.url).join(target.display);
  // A password of one or two characters is not searched for: hiding every such letter would garble the message.
  for (const s of target.secrets) if (s.length >= 3) t = t.split(s).join('***');
  return t;
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
 * port (default 6379), user, password and database number. A bad value is
 * a QueueUrlError (exit 2) whose message never repeats the password: the
 * URL is shown redacted, or not at all when it does not even parse.
 */
export function queueTarget(value: string): QueueTarget {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // The parser's own message is not shown: it may quote the value (and so the password).
    throw new QueueUrlError('expected a Redis URL redis://HOST:PORT (or rediss:// for TLS), e.g. redis://127.0.0.1:6379; the value given does not parse as a URL (a port must be a number up to 65535)');
  }
  const shown = redactUrl(url);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new QueueUrlError(`expected redis:// or rediss://, got ${shown}`);
  if (url.hostname === '') throw new QueueUrlError(`the Redis URL names no host: ${shown}`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) throw new QueueUrlError(`the database in a Redis URL is a number (redis://HOST:PORT/0), got ${shown}`);
  if (url.search !== '' || url.hash !== '') throw new QueueUrlError(`a Redis URL takes no query or fragment: ${shown}`);
  const secrets = url.password === '' ? [] : [url.password, safeDecode(url.password)];
  return { url: url.href, display: shown, db: db === '' ? 0 : Number(db), secrets };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
