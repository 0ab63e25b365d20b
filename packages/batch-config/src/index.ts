// The validated batch configuration: a YAML batch file parsed, checked and expanded into jobs, with the key that
// says whether a job's inputs changed. Execution (worker pool, queue, state, locks) stays with the scheduler.
export { loadBatchConfig, insideTree, type ConfigOverrides } from './load-config.js';
export { readBatchConfig, loadConfigPlugins } from './config-plugins.js';
export { BATCH_CONFIG_VERSION, type BatchConfig, type BatchJob, type PluginRef } from './batch-config.js';
export { ConfigError, formatIssue, type ConfigIssue } from './config-error.js';
export { YamlSource, formatKeyPath, type KeyPath } from './yaml-source.js';
export { FileHasher, jobKey } from './job-key.js';
export { parseReplaySpec } from './replay-spec.js';
export { batchConfigVersions } from './config-versions.js';
