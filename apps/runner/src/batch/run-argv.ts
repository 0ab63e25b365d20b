import type { StressRunConfig } from '@tailforge/engine';

/** The `tailforge run` arguments that compute the same figures as a batch job (with its model plugins), for its manifest. */
export function runArgv(run: StressRunConfig, out: string, plugins: readonly string[] = []): string[] {
  const argv = ['run', ...plugins.flatMap((p) => ['--plugin', p]), '--portfolio', run.portfolioFile, ...(run.returnsKind !== undefined ? ['--returns', run.pricesFile, '--returns-kind', run.returnsKind] : ['--prices', run.pricesFile])];
  if (run.modelDir !== undefined) argv.push('--model-dir', run.modelDir);
  else {
    argv.push('--model', run.model);
    for (const [k, v] of Object.entries(run.modelParams)) argv.push('--model-param', `${k}=${String(v)}`);
  }
  argv.push('--paths', String(run.paths), '--horizon', String(run.horizon), '--confidence', run.confidence.join(','), '--seed', String(run.seed), '--missing', run.missing);
  if (run.lookback !== undefined) argv.push('--lookback', String(run.lookback));
  if (run.horizons !== undefined) argv.push('--horizons', run.horizons.join(','));
  if (run.drawdownLimit !== undefined) argv.push('--drawdown-limit', String(run.drawdownLimit));
  if (run.quantileMethod !== undefined) argv.push('--quantile-method', run.quantileMethod);
  if (run.backtest !== undefined) {
    argv.push('--backtest-from', run.backtest.from);
    if (run.backtest.refit !== undefined) argv.push('--backtest-refit', String(run.backtest.refit));
    if (run.backtest.lookback !== undefined) argv.push('--backtest-lookback', String(run.backtest.lookback));
    if (run.backtest.paths !== undefined) argv.push('--backtest-paths', String(run.backtest.paths));
    if (run.backtest.models !== undefined) argv.push('--backtest-models', run.backtest.models.join(','));
    if (run.backtest.reference !== undefined) argv.push('--backtest-reference', run.backtest.reference);
  }
  if (run.regulatory !== undefined) {
    argv.push('--regulatory');
    if (run.regulatory.factors !== undefined && run.regulatory.factors.length > 0) argv.push('--regulatory-factors', run.regulatory.factors.join(','));
    if (run.regulatory.stressedMeasure !== undefined) argv.push('--stressed-measure', run.regulatory.stressedMeasure);
  }
  if (run.scenarioFile !== undefined) argv.push('--scenarios', run.scenarioFile);
  if (run.replay !== undefined) argv.push('--replay', run.replay === 'none' ? 'none' : 'worst' in run.replay ? `worst:${run.replay.worst}` : run.replay.dates.join(','));
  argv.push('--out', out);
  return argv;
}
