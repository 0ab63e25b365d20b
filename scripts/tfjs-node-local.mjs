#!/usr/bin/env node
/**
 * Builds the native binding of @tensorflow/tfjs-node (or -gpu with --gpu)
 * against a TensorFlow C library already on this machine, for machines that
 * cannot download libtensorflow (offline, air-gapped). No network is used.
 *
 *   TAILFORGE_LIBTENSORFLOW=/path/to/tensorflow_cpu-2.x-cp311-...whl node scripts/tfjs-node-local.mjs
 *   node scripts/tfjs-node-local.mjs [--gpu] [--check] <path>
 *
 * <path> (or $TAILFORGE_LIBTENSORFLOW) is one of:
 *   - a TensorFlow wheel (.whl): its tensorflow/libtensorflow_cc.so.2 exports the C API; it and
 *     libtensorflow_framework.so.2 and the headers are extracted once to a cache folder
 *     ($TAILFORGE_CACHE or ~/.cache/tailforge/libtensorflow/<wheel name>);
 *   - an installed TensorFlow Python package folder (…/site-packages/tensorflow) — used in place;
 *   - a libtensorflow C release folder (lib/libtensorflow.so.2, include/) or its .tar.gz.
 * The binding's deps/lib then links libtensorflow.so to that library (symlinks, no copies),
 * deps/include to its headers, and node-gyp compiles the binding with the local Node headers.
 * --check: only load the package and print its backend and versions (exit 1 when it does not load).
 * --dry-run: print what it would link and build, as JSON, and change nothing (a wheel is only listed).
 * Linux only (the wheel layout and the binding's rpath are Linux's).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const gpu = args.includes('--gpu');
const checkOnly = args.includes('--check');
const dryRun = args.includes('--dry-run');
const pkgName = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';

function fail(message, code = 1) {
  process.stderr.write(`tfjs-node-local: ${message}\n`);
  process.exit(code);
}

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.slice(0, 2).join(' ')} … exited with ${r.status}`);
}

/** The installed package folder, resolved as @tailforge/core resolves it. */
function packageDir() {
  const req = createRequire(join(root, 'packages/core/package.json'));
  try {
    return dirname(req.resolve(`${pkgName}/package.json`));
  } catch {
    fail(`${pkgName} is not installed (run \`npx -y pnpm@10 install\` first; it is an optional dependency of @tailforge/core)`, 2);
  }
}

function check(dir) {
  const script = `const tf=require(${JSON.stringify(dir)});console.log(JSON.stringify({backend:tf.getBackend(),tfjs:tf.version.tfjs,libtensorflow:tf.backend().binding.TF_Version}))`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { TF_CPP_MIN_LOG_LEVEL: '2', ...process.env } });
  if (r.status !== 0) {
    const why = `${r.stderr}`.split('\n').map((s) => s.trim()).find((s) => /Error/.test(s)) ?? `exit ${r.status}`;
    fail(`${pkgName} does not load: ${why}`);
  }
  process.stdout.write(`${pkgName} loads: ${r.stdout.trim()}\n`);
}

/** Finds { lib, framework, include } in a folder laid out as a wheel's tensorflow/ or a libtensorflow release. */
function findLibrary(dir) {
  const layouts = [
    { lib: 'libtensorflow_cc.so.2', framework: 'libtensorflow_framework.so.2', include: 'include' }, // site-packages/tensorflow
    { lib: 'tensorflow/libtensorflow_cc.so.2', framework: 'tensorflow/libtensorflow_framework.so.2', include: 'tensorflow/include' }, // extracted wheel
    { lib: 'lib/libtensorflow.so.2', framework: 'lib/libtensorflow_framework.so.2', include: 'include' }, // C release
  ];
  for (const l of layouts) {
    const lib = join(dir, l.lib);
    const framework = join(dir, l.framework);
    const include = join(dir, l.include);
    if (existsSync(lib) && existsSync(framework) && existsSync(join(include, 'tensorflow/c/c_api.h'))) {
      return { lib, framework, include };
    }
  }
  return undefined;
}

function cacheDir(name) {
  return join(process.env.TAILFORGE_CACHE ?? join(homedir(), '.cache', 'tailforge'), 'libtensorflow', name);
}

/** Extracts only the C library, the framework library and the headers from a wheel (a zip), once. */
function fromWheel(wheel) {
  const dest = cacheDir(basename(wheel, '.whl'));
  const found = existsSync(dest) ? findLibrary(dest) : undefined;
  if (found) return found;
  if (dryRun) {
    const list = "import sys, zipfile; n = set(zipfile.ZipFile(sys.argv[1]).namelist()); sys.exit(0 if {'tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2', 'tensorflow/include/tensorflow/c/c_api.h'} <= n else 'the wheel lacks tensorflow/libtensorflow_cc.so.2, libtensorflow_framework.so.2 or the C API headers')";
    run(pythonCommand(), ['-c', list, wheel]);
    return { lib: join(dest, 'tensorflow/libtensorflow_cc.so.2'), framework: join(dest, 'tensorflow/libtensorflow_framework.so.2'), include: join(dest, 'tensorflow/include'), extractFrom: wheel };
  }
  const tmp = `${dest}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  process.stderr.write(`extracting the C library and headers of ${basename(wheel)} to ${dest} …\n`);
  const py = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    "keep = lambda n: n in ('tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2') or n.startswith('tensorflow/include/')",
    'names = [n for n in z.namelist() if keep(n)]',
    "if 'tensorflow/libtensorflow_cc.so.2' not in names: sys.exit('the wheel has no tensorflow/libtensorflow_cc.so.2')",
    'z.extractall(sys.argv[2], names)',
  ].join('\n');
  run(pythonCommand(), ['-c', py, wheel, tmp]);
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  return findLibrary(dest) ?? fail(`extracted ${basename(wheel)} but found no library and headers in ${dest}`);
}

function fromTarball(tarball) {
  const dest = cacheDir(basename(tarball).replace(/\.tar\.gz$|\.tgz$/, ''));
  const found = existsSync(dest) ? findLibrary(dest) : undefined;
  if (found) return found;
  if (dryRun) return { lib: join(dest, 'lib/libtensorflow.so.2'), framework: join(dest, 'lib/libtensorflow_framework.so.2'), include: join(dest, 'include'), extractFrom: tarball };
  const tmp = `${dest}.tmp-${process.pid}`;
  mkdirSync(tmp, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', tmp]);
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  return findLibrary(dest) ?? fail(`${tarball} holds no lib/libtensorflow.so.2 with include/tensorflow/c/c_api.h`);
}

function pythonCommand() {
  for (const p of [process.env.PYTHON, 'python3', 'python']) {
    if (p && spawnSync(p, ['--version']).status === 0) return p;
  }
  fail('python3 is needed (to unpack the wheel, and by node-gyp); set PYTHON to its path');
}

/** node-gyp: the project's own if installed, else the copy bundled with npm next to this node. */
function nodeGyp() {
  const candidates = [];
  if (process.env.NODE_GYP) candidates.push(process.env.NODE_GYP);
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch { /* not a project dependency */ }
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'));
  const npmRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
  if (npmRoot.status === 0) candidates.push(join(npmRoot.stdout.trim(), 'npm/node_modules/node-gyp/bin/node-gyp.js'));
  return candidates.find((c) => existsSync(c)) ?? fail('node-gyp not found: set NODE_GYP to node-gyp.js (npm ships one in npm/node_modules/node-gyp)');
}

/** Node's headers without a download: the folder that holds include/node/node.h for this node, if any. */
function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include/node/node.h'))) return prefix;
  const cached = join(homedir(), '.cache/node-gyp', process.versions.node);
  if (existsSync(join(cached, 'include/node/node.h'))) return cached;
  fail(`no Node headers found for node ${process.versions.node} (looked in ${prefix}/include/node and ${cached}); install your distribution's nodejs headers package or set npm_config_nodedir`);
}

function link(target, path) {
  try {
    if (lstatSync(path)) unlinkSync(path);
  } catch { /* absent */ }
  symlinkSync(target, path);
}

function napiBuildVersion(dir) {
  const req = createRequire(join(dir, 'package.json'));
  const versions = req('./package.json').binary.napi_versions;
  const ours = Number(process.versions.napi);
  const best = Math.max(...versions.filter((v) => v <= ours));
  if (!Number.isFinite(best)) fail(`this node supports Node-API ${ours}; ${pkgName} needs one of ${versions.join(', ')}`);
  return best;
}

const dir = packageDir();
if (checkOnly) {
  check(dir);
  process.exit(0);
}
if (process.platform !== 'linux') fail(`building against a local TensorFlow is supported on Linux only (this is ${process.platform})`, 2);
const source = args.find((a) => !a.startsWith('--')) ?? process.env.TAILFORGE_LIBTENSORFLOW;
if (!source) fail('say where the TensorFlow library is: TAILFORGE_LIBTENSORFLOW=<wheel | tensorflow package folder | libtensorflow folder or .tar.gz>', 2);
const src = resolve(source);
if (!existsSync(src)) fail(`${src} does not exist`, 2);
const found = statSync(src).isDirectory()
  ? findLibrary(src) ?? fail(`${src} holds neither libtensorflow_cc.so.2 + include/ (a tensorflow package folder) nor lib/libtensorflow.so.2 + include/ (a libtensorflow release)`, 2)
  : src.endsWith('.whl')
    ? fromWheel(src)
    : /\.(tar\.gz|tgz)$/.test(src)
      ? fromTarball(src)
      : fail(`${src}: expected a .whl, a .tar.gz or a folder`, 2);

// Stage deps/ as the binding's build expects it: -ltensorflow -ltensorflow_framework from deps/lib, headers in deps/include.
const deps = join(dir, 'deps');
const depsLib = join(deps, 'lib');
const links = {
  [join(depsLib, 'libtensorflow.so')]: found.lib,
  // the library's own name, which the binding records as NEEDED and finds through its rpath (deps/lib)
  [join(depsLib, basename(found.lib))]: found.lib,
  [join(depsLib, 'libtensorflow_framework.so')]: found.framework,
  [join(depsLib, basename(found.framework))]: found.framework,
  [join(deps, 'include')]: found.include,
};
if (dryRun) {
  process.stdout.write(`${JSON.stringify({ package: pkgName, packageDir: dir, ...found, links, napi: napiBuildVersion(dir) }, null, 2)}\n`);
  process.exit(0);
}
mkdirSync(depsLib, { recursive: true });
for (const [path, target] of Object.entries(links)) link(target, path);

const napi = napiBuildVersion(dir);
const modulePath = join(dir, 'lib', `napi-v${napi}`);
process.stderr.write(`building ${pkgName} (Node-API ${napi}) against ${found.lib} …\n`);
run(process.execPath, [
  nodeGyp(), 'rebuild',
  `--nodedir=${nodeDir()}`,
  '--module_name=tfjs_binding',
  `--module_path=${modulePath}`,
  `--napi_build_version=${napi}`,
], { cwd: dir, env: { ...process.env, PYTHON: process.env.PYTHON ?? pythonCommand(), JOBS: process.env.JOBS ?? '2' } });
if (!existsSync(join(modulePath, 'tfjs_binding.node'))) {
  const built = join(dir, 'build/Release/tfjs_binding.node');
  if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing`);
  mkdirSync(modulePath, { recursive: true });
  link(built, join(modulePath, 'tfjs_binding.node'));
}
check(dir);
process.stderr.write(`done: \`tailforge doctor\` lists the ${gpu ? 'tensorflow-gpu' : 'tensorflow'} backend; --backend auto now picks it.\n`);
