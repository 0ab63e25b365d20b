import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { PluginError } from '../errors.js';

/** npm package names: `name` or `@scope/name`, optionally followed by a subpath. */
const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(\/.*)?$/;

/**
 * The module file a plugin names. A path (relative to `cwd`) to a file is
 * that file; a path to a folder is the package in it (its package.json
 * `exports` or `main`, else index.js); anything else that looks like a
 * package name is resolved as Node would from `cwd` (node_modules).
 * PluginError when nothing is found.
 */
export function resolvePluginFile(plugin: string, cwd: string): string {
  const asPath = resolve(cwd, plugin);
  if (existsSync(asPath)) return statSync(asPath).isDirectory() ? packageEntry(plugin, asPath) : asPath;
  const looksLikePath = plugin.startsWith('.') || plugin.startsWith('/') || /\.(m?js|cjs|ts)$/.test(plugin) || plugin.includes('\\');
  if (looksLikePath || !PACKAGE_NAME.test(plugin)) throw new PluginError(plugin, `file not found: ${asPath}`);
  return resolvePackage(plugin, cwd);
}

/** The entry module of the package in `dir`. */
function packageEntry(plugin: string, dir: string): string {
  const manifest = join(dir, 'package.json');
  let entry = 'index.js';
  if (existsSync(manifest)) {
    let pkg: { exports?: unknown; main?: unknown };
    try {
      pkg = JSON.parse(readFileSync(manifest, 'utf8')) as typeof pkg;
    } catch (e) {
      throw new PluginError(plugin, `${manifest} is not valid JSON (${(e as Error).message})`);
    }
    entry = exportsEntry(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  }
  const file = resolve(dir, entry);
  if (!existsSync(file) || statSync(file).isDirectory()) {
    throw new PluginError(plugin, `the package's entry module ${file} does not exist${existsSync(manifest) ? ` (from ${manifest})` : ' (no package.json, and no index.js)'}`);
  }
  return file;
}

/** The `.` entry of a package.json `exports` field for an ESM import, when it has one. */
function exportsEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return undefined;
  const e = exports as Record<string, unknown>;
  const root = '.' in e ? e['.'] : e;
  if (typeof root === 'string') return root;
  if (root !== null && typeof root === 'object') {
    const r = root as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default']) {
      const v = r[condition];
      if (typeof v === 'string') return v;
      const nested = exportsEntry(v);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/** A package resolved from `cwd` as Node does: its folder from its package.json, else the module itself. */
function resolvePackage(plugin: string, cwd: string): string {
  const require = createRequire(join(cwd, 'package.json'));
  const isRoot = !/^(@[^/]+\/)?[^/]+\/./.test(plugin);
  if (isRoot) {
    try {
      return packageEntry(plugin, dirname(require.resolve(`${plugin}/package.json`)));
    } catch (e) {
      if (e instanceof PluginError) throw e;
      // package.json not exported: fall through to the package's own resolution.
    }
  }
  try {
    return require.resolve(plugin);
  } catch {
    throw new PluginError(plugin, `no such file, and no package of that name is installed where Node looks from ${cwd} (install it, or give the path)`);
  }
}
