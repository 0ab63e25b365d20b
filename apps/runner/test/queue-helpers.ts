import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** Helpers of the distributed-batch tests: a real redis-server per test file and the built CLI as child processes. */

export const BIN = join(ROOT, 'apps/runner/bin/tailforge.js');

/** Whether Debian's redis-server is installed (CI installs it in .ci/run). */
export const HAVE_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A free TCP port on the loopback interface (taken by the OS, then released for the caller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Proc {
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stderr or stdout contains `text`, or `text(stdout, stderr)` holds (rejects after `ms`). */
  waitFor(text: string | RegExp | ((out: string, err: string) => boolean), ms?: number): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Starts a process, capturing its output; `stopAll` ends whatever is still running. */
export function start(command: string, args: readonly string[], cwd = ROOT): Proc {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  const poke = (): void => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    poke();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    poke();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      live.delete(child);
      poke();
      resolve({ code, signal });
    }),
  );
  const has = (t: string | RegExp | ((o: string, e: string) => boolean)): boolean =>
    typeof t === 'string' ? out.includes(t) || err.includes(t) : typeof t === 'function' ? t(out, err) : t.test(out) || t.test(err);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out waiting for ${String(text)}; stderr:\n${err}`));
        }, ms);
        const check = (): void => {
          if (has(text)) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            reject(new Error(`process ended before printing ${String(text)}; stderr:\n${err}`));
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}

/** The built CLI (`pnpm test` builds first). */
export const tailforge = (...args: string[]): Proc => start(process.execPath, [BIN, ...args]);

/**
 * A `tailforge worker` on the queue, once it is taking jobs. Every worker of
 * the tests has the same short stall timeout: BullMQ runs the stalled-job
 * check at most once per interval of the worker that ran it last.
 */
export async function startWorker(url: string, o: { cwd?: string; cache?: string } = {}): Promise<Proc> {
  const args = [BIN, 'worker', '--queue', url, '--concurrency', '1', '--stall-timeout', '2', '--log-format', 'json', ...(o.cache !== undefined ? ['--cache', o.cache] : [])];
  const w = start(process.execPath, args, o.cwd ?? ROOT);
  await w.waitFor('"event":"worker-ready"');
  return w;
}

/** A redis-server on a free loopback port, no persistence, its files in `dir`. */
export async function startRedis(dir: string, extra: readonly string[] = []): Promise<{ url: string; port: number; proc: Proc }> {
  const port = await freePort();
  const proc = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning', '--logfile', '', ...extra]);
  // With --loglevel warning redis prints nothing on success: wait until it accepts connections.
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) return { url: `redis://127.0.0.1:${port}`, port, proc };
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not start on port ${port}:\n${proc.stdout()}${proc.stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** Ends every process these helpers started that is still running. */
export async function stopAll(): Promise<void> {
  const ending = [...live].map(
    (c) =>
      new Promise<void>((resolve) => {
        c.once('close', () => resolve());
        c.kill('SIGKILL');
      }),
  );
  await Promise.all(ending);
}

export interface LogLine {
  event: string;
  level: string;
  message: string;
  job?: string;
  [k: string]: unknown;
}

/** The JSON log lines of a process's stderr (complete lines only). */
export function logLines(stderr: string): LogLine[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** A waitFor condition: at least `n` complete log lines of `event` on stderr. */
export const eventCount =
  (event: string, n: number) =>
  (_out: string, err: string): boolean =>
    logLines(err.slice(0, err.lastIndexOf('\n') + 1)).filter((l) => l.event === event).length >= n;
