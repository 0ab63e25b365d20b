import type { Config } from 'jest';

// Tests run as native ESM (node --experimental-vm-modules) and ts-jest only
// transpiles: type-checking is `tsc -b`, run before the tests by `pnpm test`.
const project = (dir: string, displayName: string): NonNullable<Config['projects']>[number] => ({
  displayName,
  rootDir: `<rootDir>/${dir}`,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@tailforge/(core|scenarios|risk)$': '<rootDir>/../../packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/../../tsconfig.test.json' }],
  },
});

const config: Config = {
  projects: [
    project('packages/core', 'core'),
    project('packages/scenarios', 'scenarios'),
    project('packages/risk', 'risk'),
    project('apps/runner', 'runner'),
  ],
  testTimeout: 60_000,
};

export default config;
