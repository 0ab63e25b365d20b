import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadPlugin, PluginError } from '@tailforge/core';
import type { BatchConfig } from './batch-config.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { insideTree, loadBatchConfig, type ConfigOverrides } from './load-config.js';
import { YamlSource } from './yaml-source.js';

/**
 * Loads the plugins a batch config lists under `plugins:` (paths relative
 * to the config's folder, or package names resolved from there), so that
 * validating the config knows their models. A plugin that fails to load is a
 * config error (exit 2, its line and key), found before any work starts.
 * A config that cannot be read or parsed is left to loadBatchConfig to report.
 */
export async function loadConfigPlugins(file: string, allowOutside = false): Promise<void> {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    return;
  }
  const src = new YamlSource(text);
  if (src.errors().length > 0) return;
  const top = src.toJS() as { plugins?: unknown } | null;
  const list = top !== null && typeof top === 'object' ? top.plugins : undefined;
  if (!Array.isArray(list)) return;
  const issues: ConfigIssue[] = [];
  for (const [i, plugin] of list.entries()) {
    if (typeof plugin !== 'string' || plugin.trim() === '') continue;
    // A plugin is code: one given as a path must lie in the config's folder tree too (packages resolve from there).
    const root = dirname(resolve(file));
    if (!allowOutside && !plugin.startsWith('@') && (plugin.startsWith('.') || plugin.includes('/')) && !insideTree(root, resolve(root, plugin))) {
      issues.push({ file, line: src.lineOf(['plugins', i]), key: `plugins[${i}]`, reason: `plugin ${resolve(root, plugin)} is outside the config's folder ${root}; move it there or pass --allow-outside` });
      continue;
    }
    try {
      await loadPlugin(plugin, { cwd: dirname(resolve(file)) });
    } catch (e) {
      if (!(e instanceof PluginError)) throw e;
      issues.push({ file, line: src.lineOf(['plugins', i]), key: `plugins[${i}]`, reason: e.message });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
}

/** A batch config with its plugins loaded first: what `tailforge batch` runs. */
export async function readBatchConfig(file: string, overrides: ConfigOverrides = {}): Promise<BatchConfig> {
  await loadConfigPlugins(file, overrides.allowOutside === true);
  return loadBatchConfig(file, overrides);
}
