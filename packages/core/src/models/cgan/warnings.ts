/**
 * A warning a cgan attaches to its fit info or to a sample: the shape the
 * project's general warnings use ({ code, severity, message, details }).
 */
export interface CganWarning {
  readonly code: string;
  readonly severity: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly details?: Record<string, number | string>;
}
