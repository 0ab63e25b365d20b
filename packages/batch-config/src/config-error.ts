import { TailforgeError } from '@tailforge/core';

/** One problem in a batch config: where (file, line, key path) and why. */
export interface ConfigIssue {
  readonly file: string;
  /** 1-based line in the file, when the key (or its nearest parent) is there. */
  readonly line?: number;
  /** Key path like `jobs[2].modelParams.blockLength`; empty for the whole file. */
  readonly key: string;
  readonly reason: string;
}

export function formatIssue(i: ConfigIssue): string {
  return [i.file, ...(i.line !== undefined ? [`line ${i.line}`] : []), ...(i.key !== '' ? [`key ${i.key}`] : [])].join(', ') + `: ${i.reason}`;
}

/** A batch config that cannot run: every problem found, one per line. Exit code 2; no job has started. */
export class ConfigError extends TailforgeError {
  override readonly exitCode: number = 2;
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.issues = issues;
  }
}
