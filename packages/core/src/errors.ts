/**
 * Typed errors. Every error a user can cause by what they pass in is an
 * {@link InputError}: the runner prints its one-line message and exits 2,
 * never a stack trace. Anything else is a defect or an environment failure
 * (exit 1).
 */

/** Where in an input file a problem sits. Rows and columns are 1-based as a person counts them in an editor. */
export interface InputLocation {
  file?: string;
  /** 1-based line number in the file (the header is line 1). */
  row?: number;
  /** Column name (or 1-based index when the name is unknown). */
  column?: string;
}

/** Base class: all errors tailforge raises on purpose. */
export class TailforgeError extends Error {
  /** Process exit code the runner should use for this error. */
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input (a file, an option value): exit code 2, message names where and what was expected. */
export class InputError extends TailforgeError {
  override readonly exitCode: number = 2;
  readonly location: InputLocation;
  readonly reason: string;
  constructor(reason: string, location: InputLocation = {}, options?: { cause?: unknown }) {
    super(formatLocated(reason, location), options);
    this.location = location;
    this.reason = reason;
  }
}

/**
 * A model directory whose content does not hash to the id in its model.json
 * (symbols reordered, a weight edited, a parameter changed): it was edited or
 * is corrupt, and is refused rather than sampled under a stale id. Exit 2.
 */
export class ModelContentError extends InputError {}

/** Asking a model for something it cannot do, or a model that is not registered: exit code 2. */
export class ModelError extends TailforgeError {
  override readonly exitCode: number = 2;
}

/** Formats `file, row R, column C: reason`, leaving out the parts that are unknown. */
export function formatLocated(reason: string, loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column ${loc.column}`);
  return parts.length > 0 ? `${parts.join(', ')}: ${reason}` : reason;
}

/**
 * A plugin that cannot be used: not found, fails to import, exports no
 * models, or declares an incompatible contract. Exit code 2: the message
 * names the plugin and what is wrong, never a stack trace.
 */
export class PluginError extends TailforgeError {
  override readonly exitCode: number = 2;
  /** The plugin as the user named it (path or package). */
  readonly plugin: string;
  constructor(plugin: string, reason: string, options?: { cause?: unknown }) {
    super(`plugin ${plugin}: ${reason}`, options);
    this.plugin = plugin;
  }
}

/**
 * A cell of an input file as an error message may quote it: trimmed, cut to
 * `max` characters (then `…`), JSON-quoted so control characters show. Errors
 * quote the offending cell only, never a whole line: the file may not be
 * what it was meant to be (a config pointing at a secret).
 */
export function cellPreview(cell: string, max = 16): string {
  const t = cell.trim();
  return JSON.stringify(t.length > max ? `${t.slice(0, max)}…` : t);
}
