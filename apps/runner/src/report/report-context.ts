import type { HistoryRun } from '../history/history-run.js';

/** What a report shows beyond the run itself. */
export interface ReportContext {
  /**
   * Earlier runs of the same series (portfolio, model, horizon) from the
   * results history, oldest first. Undefined when the run keeps no history:
   * the change and history sections are then left out.
   */
  readonly history?: readonly HistoryRun[];
  /** Where the history lives, for the reader. */
  readonly historyFile?: string;
}
