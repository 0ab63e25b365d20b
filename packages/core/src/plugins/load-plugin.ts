import { statSync, type Stats } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PluginError, TailforgeError } from '../errors.js';
import { MODEL_CONTRACT_VERSION } from '../models/contract/define-model.js';
import type { ModelFactory } from '../models/model.js';
import { registerModel } from '../models/registry.js';
import { resolvePluginFile } from './resolve-plugin.js';

/**
 * Plugins: modules whose default export (or `models` export) is one model
 * made by `defineModel`, or a list of them. Loading a plugin registers its
 * models, so every command (and a batch's worker threads) finds them by name.
 */

export interface LoadedPlugin {
  /** The plugin as the user named it (a path or a package). */
  readonly plugin: string;
  /** The module file it was imported from. */
  readonly file: string;
  /** Names of the models it registered. */
  readonly models: readonly string[];
}

const loaded = new Map<string, LoadedPlugin>();

export interface LoadPluginOptions {
  /** Where relative paths and package names are resolved from (default: the working directory). */
  readonly cwd?: string;
  /** How messages name the plugin (default: as given). */
  readonly label?: string;
}

/** The plugins loaded so far in this thread, in load order. */
export function loadedPlugins(): LoadedPlugin[] {
  return [...loaded.values()];
}

/**
 * Imports a plugin and registers its models. Loading the same module again
 * is a no-op. PluginError (exit code 2) naming the plugin and what is wrong:
 * not found, failing to import (its message, e.g. a syntax error or an
 * incompatible contract version), no models exported, an export that is not
 * a defined model, or a model name already taken.
 */
export async function loadPlugin(plugin: string, options: LoadPluginOptions = {}): Promise<LoadedPlugin> {
  const label = options.label ?? plugin;
  if (typeof plugin !== 'string' || plugin.trim() === '') throw new PluginError(JSON.stringify(plugin), 'a plugin is a path or a package name');
  const file = resolvePluginFile(plugin, options.cwd ?? process.cwd());
  const known = loaded.get(file);
  if (known !== undefined) return known;
  // A device or FIFO (/dev/zero) would be read without end: only a regular file is a module.
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new PluginError(label, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  if (!st.isFile()) throw new PluginError(label, `${file} is not a regular file (a plugin is a JavaScript module file, a package folder or a package name)`);

  let ns: Record<string, unknown>;
  try {
    ns = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof TailforgeError ? e.message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
    throw new PluginError(label, `loading ${file} failed: ${why}`, { cause: e });
  }
  const factories = exportedModels(label, ns);
  for (const f of factories) checkFactory(label, f);
  for (const f of factories) {
    try {
      registerModel(f, { origin: { plugin: label, file } });
    } catch (e) {
      throw new PluginError(label, (e as Error).message, { cause: e });
    }
  }
  const entry: LoadedPlugin = { plugin: label, file, models: factories.map((f) => f.name) };
  loaded.set(file, entry);
  return entry;
}

/** Loads plugins in order (see {@link loadPlugin}); stops at the first that fails. */
export async function loadPlugins(plugins: readonly string[], options: LoadPluginOptions = {}): Promise<LoadedPlugin[]> {
  const out: LoadedPlugin[] = [];
  for (const p of plugins) out.push(await loadPlugin(p, { cwd: options.cwd }));
  return out;
}

/** The models a plugin module exports: `default` and / or `models`, each one model or a list. */
function exportedModels(label: string, ns: Record<string, unknown>): ModelFactory[] {
  const found: unknown[] = [];
  for (const key of ['default', 'models']) {
    const v = ns[key];
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) if (!found.includes(item)) found.push(item);
  }
  if (found.length === 0) {
    const names = Object.keys(ns);
    throw new PluginError(
      label,
      `exports no models: it must \`export default defineModel({...})\` (or a list of them), or \`export const models = [...]\`; ` +
        `it exports ${names.length > 0 ? names.join(', ') : 'nothing'}`,
    );
  }
  return found as ModelFactory[];
}

/** A PluginError unless `f` is a model made by defineModel for this contract version. */
function checkFactory(label: string, f: unknown): asserts f is ModelFactory {
  const o = f as Partial<ModelFactory> | null;
  const what = o !== null && typeof o === 'object' && typeof o.name === 'string' ? `model "${o.name}"` : 'an export';
  if (o === null || typeof o !== 'object' || typeof o.fit !== 'function' || typeof o.resolveParams !== 'function' || typeof o.contractVersion !== 'number') {
    throw new PluginError(label, `${what} is not a model made by defineModel (from @tailforge/core): got ${o === null ? 'null' : typeof o}`);
  }
  if (o.contractVersion !== MODEL_CONTRACT_VERSION) {
    throw new PluginError(
      label,
      `${what} was written for model contract version ${o.contractVersion}; this tailforge implements version ${MODEL_CONTRACT_VERSION}`,
    );
  }
}
