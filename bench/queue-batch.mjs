// Benchmark of the distributed batch (issue 9): one batch of every example
// batch portfolio × 2 models (48 jobs, few paths), run
//   - locally: `tailforge batch` on 2 worker threads (in-process pool);
//   - through BullMQ on a redis-server started here (free loopback port,
//     temp dir) with 1, 2 and 4 `tailforge worker` processes of 1 thread,
//     started and ready before the coordinator (warm workers).
// Prints each batch's wall time and the queue overhead per job from the
// processes' JSON logs (same machine, same clock):
//   - result latency: a worker's job-done line → the coordinator's job-done
//     line (result in Redis → outputs written and recorded);
//   - pickup latency: the job added to the queue → the worker's job-start
//     line (its waitMs field), for jobs queued while a worker was idle (each
//     worker's first job), and a worker's job-done → its next job-start.
// Needs the built CLI (`pnpm build` or `npx tsc -b apps/runner`) and redis-server.
// Usage: node bench/queue-batch.mjs [--paths N] [--workers 1,2,4]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'apps/runner/bin/tailforge.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PATHS = Number(arg('--paths', '2000'));
const WORKERS = arg('--workers', '1,2,4').split(',').map(Number);

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('redis-server is not installed (apt-get install redis-server)');
  process.exit(2);
}

const live = new Set();
function start(args, { cwd = ROOT, command = process.execPath } = {}) {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  let err = '';
  const waiters = [];
  const poke = () => waiters.slice().forEach((w) => w());
  child.stdout.on('data', (d) => ((out += d), poke()));
  child.stderr.on('data', (d) => ((err += d), poke()));
  const exited = new Promise((resolve) => child.on('close', (code, signal) => (live.delete(child), poke(), resolve({ code, signal }))));
  const waitFor = (text, ms = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${text}:\n${err}`)), ms);
      const check = () => {
        if (err.includes(text) || out.includes(text)) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`process ended before ${text}:\n${err}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, exited, waitFor, stdout: () => out, stderr: () => err };
}
async function stopAll() {
  await Promise.all(
    [...live].map((c) => new Promise((resolve) => (c.once('close', resolve), c.kill('SIGKILL')))),
  );
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll().then(() => process.exit(130)));

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
const canConnect = (port) =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => (s.end(), resolve(true)));
    s.on('error', () => resolve(false));
  });

const logLines = (text) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
const t = (l) => Date.parse(l.time);
const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.9 * xs.length))];
const fmt = (xs) => (xs.length === 0 ? 'n/a' : `median ${median(xs).toFixed(0)} ms, p90 ${p90(xs).toFixed(0)} ms (n=${xs.length})`);

const dir = await mkdtemp(join(tmpdir(), 'tailforge-bench-queue-'));
try {
  const portfolios = join(ROOT, 'examples/portfolios/batch');
  const config = join(dir, 'bench.yaml');
  await writeFile(
    config,
    `version: 1\nout: out\nprices: ${join(ROOT, 'examples/dowjones30_prices.csv')}\n` +
      `defaults: { paths: ${PATHS}, horizon: 10, confidence: [0.95, 0.99], seed: 1 }\n` +
      `jobs:\n  - portfolios: [${portfolios}/]\n    model: [bootstrap, gaussian]\n`,
  );
  const nJobs = (await readdir(portfolios)).filter((f) => /\.(csv|json)$/.test(f)).length * 2;
  console.log(`batch: ${nJobs} jobs (${nJobs / 2} portfolios × bootstrap, gaussian), ${PATHS} paths, horizon 10; ${process.version}`);

  const runBatch = async (label, extra) => {
    const t0 = performance.now();
    const c = start([BIN, 'batch', '--config', config, '--out', join(dir, `out-${label}`), '--log-format', 'json', ...extra]);
    const { code } = await c.exited;
    const wall = performance.now() - t0;
    if (code !== 0) throw new Error(`${label}: batch exited ${code}:\n${c.stderr().slice(-3000)}`);
    return { wall, log: logLines(c.stderr()) };
  };

  const rows = [];
  const local = await runBatch('local', ['--concurrency', '2']);
  rows.push({ label: 'local, 2 threads', wall: local.wall });

  const port = await freePort();
  const redis = start(['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], { command: 'redis-server' });
  let up = false;
  for (let i = 0; i < 100 && !up; i++) {
    up = await canConnect(port);
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) throw new Error('redis-server did not start');
  const url = `redis://127.0.0.1:${port}`;

  for (const n of WORKERS) {
    const workers = [];
    for (let i = 0; i < n; i++) {
      const w = start([BIN, 'worker', '--queue', url, '--concurrency', '1', '--cache', join(dir, `cache-${n}-${i}`), '--log-format', 'json']);
      workers.push(w);
    }
    await Promise.all(workers.map((w) => w.waitFor('"event":"worker-ready"')));
    const { wall, log } = await runBatch(`queue-${n}`, ['--queue', url]);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));

    const recorded = new Map(log.filter((l) => l.event === 'job-done').map((l) => [l.job, t(l)]));
    const result = [];
    const firstPickup = [];
    const nextPickup = [];
    for (const w of workers) {
      const wl = logLines(w.stderr());
      let lastDone;
      for (const l of wl) {
        if (l.event === 'job-start') {
          // waitMs: the worker's clock minus the job's timestamp, set when the coordinator added it.
          if (lastDone === undefined && typeof l.waitMs === 'number') firstPickup.push(l.waitMs);
          else if (lastDone !== undefined) nextPickup.push(t(l) - lastDone);
        } else if (l.event === 'job-done') {
          lastDone = t(l);
          if (recorded.has(l.job)) result.push(recorded.get(l.job) - t(l));
        }
      }
    }
    rows.push({ label: `queue, ${n} worker process${n > 1 ? 'es' : ''}`, wall, result, firstPickup, nextPickup });
  }

  console.log('');
  for (const r of rows) {
    console.log(`${r.label.padEnd(28)} ${(r.wall / 1000).toFixed(1).padStart(6)} s  (${(r.wall / nJobs).toFixed(0)} ms/job)`);
    if (r.result !== undefined) {
      console.log(`    worker done → coordinator recorded: ${fmt(r.result)}`);
      console.log(`    enqueue → start on an idle worker:  ${fmt(r.firstPickup)}`);
      console.log(`    worker done → its next job start:   ${fmt(r.nextPickup)}`);
    }
  }
} finally {
  await stopAll();
  await rm(dir, { recursive: true, force: true });
}
