import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { BACKEND_NAMES, fixHint, PROBE_ITERATIONS, PROBE_SIZE, type BackendName, type BackendProbe } from '@tailforge/core';
import type { CommandContext } from './batch.js';

/**
 * `tailforge doctor`: which TensorFlow.js backends load here, the versions
 * behind them, why one does not (one line) with the fix, and a matMul speed
 * probe each. Every backend is probed in a child process of its own: one
 * process can hold only one native TensorFlow library, and a broken native
 * library may crash the process that loads it.
 */

export interface DoctorReport {
  readonly node: string;
  readonly platform: string;
  /** The backend `--backend auto` takes here: the first that loads. */
  readonly auto: BackendName | null;
  readonly probe: string;
  readonly backends: readonly BackendProbe[];
}

const PROBE_TIMEOUT_MS = 120_000;

/** Runs {@link probeBackend} for `name` in a fresh node process; a crash or timeout is a backend that does not load. */
export function probeInChild(name: BackendName): Promise<BackendProbe> {
  // The child runs compiled JavaScript; under the test runner the package resolves to its TypeScript source.
  const resolved = createRequire(import.meta.url).resolve('@tailforge/core').replace(/[/\\]src[/\\]index\.ts$/, '/dist/index.js');
  const core = pathToFileURL(resolved).href;
  const script = `const c = await import(${JSON.stringify(core)}); process.stdout.write(JSON.stringify(await c.probeBackend(${JSON.stringify(name)})));`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { TF_CPP_MIN_LOG_LEVEL: '2', ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => {
      try {
        if (code === 0) return resolve(JSON.parse(out) as BackendProbe);
      } catch { /* fall through: unreadable output */ }
      const last = err.split('\n').map((s) => s.trim()).filter((s) => /Error|error:/.test(s)).pop();
      const reason = signal !== null
        ? `the probe process ended on ${signal}${signal === 'SIGTERM' ? ` (no answer within ${PROBE_TIMEOUT_MS / 1000} s)` : ' (the native library crashed it)'}`
        : (last ?? `the probe process exited with ${code}`);
      resolve({ name, loads: false, versions: {}, reason, fix: fixHint(name, reason) });
    });
  });
}

export async function doctorReport(names: readonly BackendName[] = BACKEND_NAMES): Promise<DoctorReport> {
  const backends: BackendProbe[] = [];
  // One at a time: the probes time CPU work and would slow each other.
  for (const n of names) backends.push(await probeInChild(n));
  return {
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    auto: backends.find((b) => b.loads)?.name ?? null,
    probe: `${PROBE_ITERATIONS} float32 matMuls ${PROBE_SIZE}x${PROBE_SIZE} by ${PROBE_SIZE}x${PROBE_SIZE}`,
    backends,
  };
}

export function formatDoctorText(r: DoctorReport): string {
  const lines = [`tailforge doctor: node ${r.node}, ${r.platform}; TensorFlow.js backends in the order --backend auto tries them`];
  const w = Math.max(...r.backends.map((b) => b.name.length));
  for (const b of r.backends) {
    if (b.loads) {
      const versions = Object.entries(b.versions).map(([k, v]) => `${k} ${v}`).join(', ');
      const speed = `${(b.probeMs as number).toFixed(1)} ms (${(b.gflops as number).toFixed(1)} GFLOP/s)`;
      lines.push(`  ${b.name.padEnd(w)}  loads   ${speed.padEnd(26)} ${versions}`);
      for (const n of b.notes ?? []) lines.push(`  ${''.padEnd(w)}          ${n}`);
    } else {
      lines.push(`  ${b.name.padEnd(w)}  no      ${b.reason}`);
      lines.push(`  ${''.padEnd(w)}    fix:  ${b.fix}`);
    }
  }
  lines.push(`speed probe: ${r.probe}, after a warm-up`);
  lines.push(r.auto === null ? 'auto: no backend loads' : `auto: ${r.auto}`);
  return `${lines.join('\n')}\n`;
}

function backendList(value: string, previous: BackendName[] | undefined): BackendName[] {
  if (!(BACKEND_NAMES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${BACKEND_NAMES.join(', ')}`);
  return [...(previous ?? []), value as BackendName];
}

/** `tailforge doctor [--format text|json] [--backend name]`. Exit 0 when at least one backend loads, 1 when none does. */
export function doctorCommand(context: Pick<CommandContext, 'io' | 'setExit'>): Command {
  return new Command('doctor')
    .summary('check which TensorFlow.js backends load here, their versions and speed, and how to fix one that does not')
    .description(
      'Loads each TensorFlow.js backend (tensorflow-gpu, tensorflow, wasm, cpu) in a child process and reports\n' +
        'whether it loads, the versions behind it, why not (one line) with the fix, and a matMul speed probe.\n' +
        'Exit code 0 when at least one backend loads, 1 when none does.',
    )
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addOption(new Option('--backend <name>', `probe only this backend, repeatable: ${BACKEND_NAMES.join(', ')}`).argParser(backendList))
    .action(async (opts: { format: 'text' | 'json'; backend?: BackendName[] }) => {
      const report = await doctorReport(opts.backend ?? BACKEND_NAMES);
      context.io.stdout.write(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorText(report));
      context.setExit(report.auto === null ? 1 : 0);
    });
}
