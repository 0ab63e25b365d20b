import type { StressTestResult } from './stress-test.js';
import type { RegimeFigures } from './stressed-regime.js';

/**
 * The summary.json blocks of the focus options (schema: stressedRegime,
 * tailFocus, reverseStress; each null when not asked for). Money in the
 * prices' currency, `*Pct` as fractions of the initial value, VaR / ES as
 * positive losses, weighted when the paths are.
 */
export function focusSummary(r: StressTestResult) {
  const v0 = r.base.amount;
  const f = r.focus;
  const regime = (x: RegimeFigures) => ({
    ...x,
    risk: x.risk.map((k) => ({ confidence: k.confidence, var: k.var, es: k.es, varPct: k.var / v0, esPct: k.es / v0 })),
  });
  const rs = f?.reverseStress;
  return {
    stressedRegime: f?.stressedRegime
      ? { paths: f.stressedRegime.paths, tailFocused: f.stressedRegime.tailFocused, drawdownLimit: f.stressedRegime.drawdownLimit, baseline: regime(f.stressedRegime.baseline), stressed: regime(f.stressedRegime.stressed) }
      : null,
    tailFocus: f?.tailFocus ?? null,
    reverseStress: rs ? { ...rs, targetPct: rs.target / v0, lossPct: rs.loss / v0 } : null,
  };
}
