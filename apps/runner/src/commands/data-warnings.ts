import { checkMarketData, readMarketData, type Finding, type MarketData, type MarketDataSource } from '@tailforge/core';
import type { Logger } from '../log/logger.js';

/**
 * The data checks of a command that reads market data outside a stress run
 * (backtest, train, generate, diagnose): the findings of severity warn or
 * error become the command's warnings, each logged once (event `warning`,
 * the finding as its fields); info findings are logged at info level.
 */
export function dataWarnings(data: MarketData, log: Logger, options: { minObservations?: number; model?: string } = {}): Finding[] {
  const findings = checkMarketData(data, options);
  const warnings: Finding[] = [];
  for (const f of findings) {
    if (f.severity === 'info') log.info('data-check', `${f.code}: ${f.message}`, { ...f });
    else {
      warnings.push(f);
      log.warn('warning', `${f.code}: ${f.message}`, { ...f });
    }
  }
  return warnings;
}

/** Reads the market data and runs {@link dataWarnings} on it. */
export async function readAndCheck(source: MarketDataSource, log: Logger, options: { minObservations?: number; model?: string } = {}): Promise<{ data: MarketData; warnings: Finding[] }> {
  const data = await readMarketData(source);
  return { data, warnings: dataWarnings(data, log, options) };
}
