/**
 * A finding of the model-risk guard: something about the data, a fit or a run
 * that a user should know before trusting a figure. Plain JSON, so findings go
 * as they are into summaries, manifests, logs and model metadata.
 *
 * Severities:
 * - `info`: worth knowing, changes nothing (a holiday's zero returns);
 * - `warn`: the figures may be wrong because of it (stale prices, a parameter
 *   at its bound); `--strict` makes it a failure;
 * - `error`: the figures cannot be trusted at all (a returns file read as prices).
 */

export type Severity = 'info' | 'warn' | 'error';
export const SEVERITIES: readonly Severity[] = ['info', 'warn', 'error'];

export interface Finding {
  /** Stable, kebab-case identifier of the kind of finding, e.g. `stale-run`, `dof-at-bound`. */
  readonly code: string;
  readonly severity: Severity;
  /** One line for people: what was found and why it matters. */
  readonly message: string;
  /** The asset it concerns, when one does. */
  readonly symbol?: string;
  /** The dates it concerns (YYYY-MM-DD), when some do; a range is given as its first and last date. */
  readonly dates?: readonly string[];
  /** The numbers behind it, for machines (thresholds, counts, estimates). */
  readonly details?: Readonly<Record<string, number | string>>;
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warn: 1, info: 2 };

/** Order: error before warn before info, then by code, symbol and first date, so listings are stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    cmp(a.code, b.code) ||
    cmp(a.symbol ?? '', b.symbol ?? '') ||
    cmp(a.dates?.[0] ?? '', b.dates?.[0] ?? '') ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy (see {@link compareFindings}). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** The most severe severity among the findings, or undefined for none. */
export function maxSeverity(findings: readonly Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (best === undefined || RANK[f.severity] < RANK[best]) best = f.severity;
  return best;
}

/** How many findings of each severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, warn: 0, error: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** Whether any finding is at least `severity` (default `warn`): what `--strict` fails on. */
export function hasFindingsAtLeast(findings: readonly Finding[], severity: Severity = 'warn'): boolean {
  return findings.some((f) => RANK[f.severity] <= RANK[severity]);
}

/**
 * `warn  stale-run        KO: a run of 15 equal prices (...)`: one line per
 * finding. The message names the symbol and dates itself; the structured
 * fields are for machines.
 */
export function formatFinding(f: Finding): string {
  return `${f.severity.padEnd(5)}  ${f.code.padEnd(18)} ${f.message}`;
}

/** Every finding on its own line, sorted, then a count line (`2 warn, 1 info`); `no findings` when empty. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings\n';
  const c = countBySeverity(findings);
  const count = SEVERITIES.slice().reverse().filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`).join(', ');
  return `${sortFindings(findings).map(formatFinding).join('\n')}\n${count}\n`;
}

/** Codes are kebab-case by convention (`dof-at-bound`); the check only asks for a non-empty word without spaces. */
const CODE = /^\S+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why `value` is not a well-formed {@link Finding}, or undefined when it is
 * one: code a non-empty string without spaces, a known severity, a non-empty
 * one-line message, symbol a string, dates YYYY-MM-DD strings, details
 * numbers (finite) or strings. Other fields are tolerated (a model may add
 * its own), so the contract does not refuse a fit over them.
 */
export function findingProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an object';
  const f = value as Record<string, unknown>;
  if (typeof f.code !== 'string' || !CODE.test(f.code)) return `code ${JSON.stringify(f.code)} is not a non-empty word without spaces`;
  if (!SEVERITIES.includes(f.severity as Severity)) return `severity ${JSON.stringify(f.severity)} is not one of ${SEVERITIES.join(', ')}`;
  if (typeof f.message !== 'string' || f.message.trim() === '' || /[\r\n]/.test(f.message)) return 'message must be a non-empty single line';
  if (f.symbol !== undefined && typeof f.symbol !== 'string') return 'symbol must be a string';
  if (f.dates !== undefined && !(Array.isArray(f.dates) && f.dates.every((d) => typeof d === 'string' && ISO_DATE.test(d)))) {
    return 'dates must be a list of YYYY-MM-DD strings';
  }
  if (f.details !== undefined) {
    if (f.details === null || typeof f.details !== 'object' || Array.isArray(f.details)) return 'details must be an object';
    for (const [k, v] of Object.entries(f.details)) {
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) return `details.${k} must be a finite number or a string`;
    }
  }
  return undefined;
}

/** Why a list of findings is malformed (the first problem, with its index), or undefined. */
export function findingsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'not a list';
  for (let i = 0; i < value.length; i++) {
    const p = findingProblem(value[i]);
    if (p !== undefined) return `warnings[${i}]: ${p}`;
  }
  return undefined;
}
