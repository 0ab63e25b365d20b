import { loadPlugin } from '@tailforge/core';
import type { Logger } from '../log/logger.js';
import { runToFiles } from '../output/write-outputs.js';
import { previousRunsOf } from '@tailforge/history';
import { runArgv } from './run-argv.js';
import type { JobRequest, JobSuccess } from './worker-protocol.js';

/**
 * One batch job, as a worker thread runs it: the stress run, the earlier
 * runs of its series from the history (read-only), the outputs with the
 * batch's fields in the manifest. The manifest's `command` is the
 * `tailforge run` line that reproduces the job on its own. The batch's
 * model plugins are loaded first (once per thread).
 */
export async function runJob(req: JobRequest, log: Logger): Promise<JobSuccess> {
  const startedAt = new Date();
  const plugins = req.job.plugins ?? [];
  for (const p of plugins) await loadPlugin(p.file, { label: p.plugin });
  const shown = req.shown;
  const argv = shown !== undefined ? runArgv(shown.run, shown.dir, shown.pluginFiles) : runArgv(req.job.run, req.dir, plugins.map((p) => p.file));
  const { files } = await runToFiles(req.job.run, {
    log,
    outDir: req.dir,
    // The batch's out folder was checked (and forced open, if asked) before the jobs ran; a job folder is its own.
    force: true,
    outWhat: `the folder of job ${req.job.id}`,
    argv,
    startedAt,
    // A queued job gets its history from the coordinator and names the coordinator's files, not its local copies.
    history: (result) => req.history ?? previousRunsOf(req.historyFile, result, startedAt),
    historyFile: req.historyFile,
    ...(shown !== undefined ? { shown: { config: shown.run, dir: shown.dir } } : {}),
    manifestExtra: { batch: { batchId: req.batchId, jobId: req.job.id, jobKey: req.jobKey, config: req.configFile, entry: req.job.source } },
  });
  return {
    dir: req.dir,
    manifestPath: files.manifest,
    summaryPath: files.summary,
    reportPath: files.report,
    durationMs: Date.now() - startedAt.getTime(),
  };
}
