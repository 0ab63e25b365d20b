import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModel, loadedPlugins, loadPlugin, loadPlugins, modelLabel, modelOrigin, PluginError } from '../src/index.js';

/** Source of a plugin module defining models with these names (their fits are never called here). */
function pluginSource(names: string[], exportAs: 'default' | 'models' | 'both' = 'default'): string {
  const defs = names.map(
    (n) => `defineModel({ contractVersion: 1, name: '${n}', description: 'test ${n}', parameters: {}, ` +
      `capabilities: { conditional: false, tailSampling: false, needsTensorflow: false }, minObservations: () => 1, ` +
      `fit: async () => { throw new Error('unused'); }, load: async () => { throw new Error('unused'); } })`,
  );
  const list = `[${defs.join(', ')}]`;
  const body = exportAs === 'default' ? `export default ${names.length === 1 ? defs[0] : list};`
    : exportAs === 'models' ? `export const models = ${list};`
    : `export const models = ${list};\nexport default models[0];`;
  return `import { defineModel } from '@tailforge/core';\n${body}\n`;
}

async function write(file: string, text: string): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, text);
}

describe('loadPlugin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tailforge-plugins-'));
    await write(join(dir, 'pkg-exports/package.json'), JSON.stringify({ name: 'pkg-exports', type: 'module', exports: { '.': { import: './src/main.js' } } }));
    await write(join(dir, 'pkg-exports/src/main.js'), pluginSource(['lp-exports']));
    await write(join(dir, 'bare-folder/index.js'), pluginSource(['lp-index']));
    await write(join(dir, 'package.json'), JSON.stringify({ name: 'root', type: 'module' }));
    await write(join(dir, 'node_modules/lp-installed/package.json'), JSON.stringify({ name: 'lp-installed', type: 'module', main: 'lib.js' }));
    await write(join(dir, 'node_modules/lp-installed/lib.js'), pluginSource(['lp-pkg-a', 'lp-pkg-b'], 'both'));
    await write(join(dir, 'node_modules/@acme/lp-models/package.json'), JSON.stringify({ name: '@acme/lp-models', type: 'module', exports: './index.js' }));
    await write(join(dir, 'node_modules/@acme/lp-models/index.js'), pluginSource(['lp-scoped'], 'models'));
    await write(join(dir, 'one.js'), pluginSource(['lp-dup']));
    await write(join(dir, 'two.js'), pluginSource(['lp-dup']));
  });

  it('a package folder: its exports entry; its models are registered with their origin', async () => {
    const p = await loadPlugin('pkg-exports', { cwd: dir });
    expect(p).toEqual({ plugin: 'pkg-exports', file: join(dir, 'pkg-exports/src/main.js'), models: ['lp-exports'] });
    expect(getModel('lp-exports').name).toBe('lp-exports');
    expect(modelOrigin('lp-exports')).toEqual({ plugin: 'pkg-exports', file: join(dir, 'pkg-exports/src/main.js') });
    expect(modelLabel('lp-exports')).toBe('model lp-exports (plugin pkg-exports)');
    expect(modelLabel('bootstrap')).toBe('model bootstrap');
    // Loading it again (even by another name for the same file) changes nothing.
    expect(await loadPlugin(join(dir, 'pkg-exports/src/main.js'))).toBe(p);
    expect(loadedPlugins().filter((l) => l.file === p.file)).toHaveLength(1);
  });

  it('a folder without package.json: its index.js; a file path as such', async () => {
    expect((await loadPlugin(join(dir, 'bare-folder'))).models).toEqual(['lp-index']);
    expect((await loadPlugin('one.js', { cwd: dir })).models).toEqual(['lp-dup']);
  });

  it('installed packages, plain and scoped, resolved from the working folder; default and models exports together', async () => {
    const [plain, scoped] = await loadPlugins(['lp-installed', '@acme/lp-models'], { cwd: dir });
    expect(plain.file).toBe(join(dir, 'node_modules/lp-installed/lib.js'));
    expect(plain.models).toEqual(['lp-pkg-a', 'lp-pkg-b']);
    expect(scoped.models).toEqual(['lp-scoped']);
  });

  it('names the plugin and what is wrong', async () => {
    await expect(loadPlugin('two.js', { cwd: dir })).rejects.toThrow('plugin two.js: a model named "lp-dup" is already registered (by plugin one.js)');
    await expect(loadPlugin('lp-not-installed', { cwd: dir })).rejects.toThrow(
      `plugin lp-not-installed: no such file, and no package of that name is installed where Node looks from ${dir} (install it, or give the path)`,
    );
    await expect(loadPlugin('./nowhere/plugin.js', { cwd: dir })).rejects.toThrow(`plugin ./nowhere/plugin.js: file not found: ${join(dir, 'nowhere/plugin.js')}`);
    const e = await loadPlugin('', { cwd: dir }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PluginError);
    expect((e as PluginError).exitCode).toBe(2);
  });
});
