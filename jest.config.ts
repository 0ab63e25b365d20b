import type { Config } from 'jest';

// Tests run as native ESM (node --experimental-vm-modules) and ts-jest only
// transpiles: type-checking is `tsc -b`, run before the tests by `pnpm test`.
// Plain .js test files (the example plugin's) run untransformed as native ESM.
const project = (dir: string, displayName: string, testMatch = ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts']): NonNullable<Config['projects']>[number] => {
  const root = dir.split('/').map(() => '..').join('/');
  return {
    displayName,
    rootDir: `<rootDir>/${dir}`,
    testEnvironment: 'node',
    testMatch,
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: {
      '^@tailforge/(core|scenarios|risk|engine|report|history|batch-config)$': `<rootDir>/${root}/packages/$1/src/index.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: `<rootDir>/${root}/tsconfig.test.json` }],
    },
  };
};

const config: Config = {
  projects: [
    project('packages/core', 'core'),
    project('packages/scenarios', 'scenarios'),
    project('packages/risk', 'risk'),
    project('packages/engine', 'engine'),
    project('packages/report', 'report'),
    project('packages/history', 'history'),
    project('packages/batch-config', 'batch-config'),
    project('apps/runner', 'runner'),
    project('examples/plugins/ewma-t', 'ewma-t', ['<rootDir>/test/**/*.test.js']),
    project('examples/service', 'service', ['<rootDir>/test/**/*.test.js']),
  ],
  // Two workers on CI's 2 cores: most suites wait on child processes (the CLI
  // as a user runs it), so one worker left a core idle much of the time.
  maxWorkers: 2,
  // A hang guard, not a speed check: on a loaded 2-core machine a CLI suite
  // runs several times slower than on a quiet one.
  testTimeout: 240_000,
};

export default config;
