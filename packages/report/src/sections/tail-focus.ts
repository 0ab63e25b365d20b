import type { Summary } from '@tailforge/engine';
import { money, pct, section } from '../page.js';

/** How the tail-focused paths were drawn and how well their weights behave. */
export function tailFocusSection(s: Summary): string {
  const x = s.tailFocus;
  if (x === null || x === undefined) return '';
  const w = x.weights;
  const es = s.riskErrors.map((e) => `ES ${pct(e.confidence, 1)} ± ${money(e.esSe)}`).join(', ');
  return section(
    'Tail-focused sampling',
    `<table>
<tbody>
<tr><td>latent shift |μ| (aimed at the ${pct(x.confidence, 1)} tail)</td><td>${x.radius.toFixed(2)}${x.windows > 1 ? ` over ${x.windows} windows` : ''}</td></tr>
<tr><td>loss of the path at latent 0 / at the shift</td><td>${money(x.lossAtZero)} / ${money(x.lossAtShift)}</td></tr>
<tr><td>paths drawn without the shift (defensive share)</td><td>${x.plainPaths.toLocaleString('en-US')} (${pct(x.defensiveShare, 0)})</td></tr>
<tr><td>mean of the unnormalised weights (1 in expectation)</td><td>${w.mean.toFixed(3)}</td></tr>
<tr><td>effective sample size (Σw)²/Σw²</td><td>${Math.round(w.effectiveSampleSize).toLocaleString('en-US')} of ${s.scenarios.paths.toLocaleString('en-US')} (${pct(w.effectiveFraction, 1)})</td></tr>
<tr><td>largest weight / its share of the total</td><td>${w.max.toFixed(2)} / ${pct(w.maxShare, 3)}</td></tr>
</tbody>
</table>
<p class="note">Paths were drawn with the generator's latent mean shifted toward the portfolio's losses (found by gradient ascent of the loss through the generator), ${pct(x.defensiveShare, 0)} of them unshifted; each path carries the exact likelihood ratio of the model's latent density to this mixture, so every weighted figure in this report estimates the model's own distribution. Most paths land in the loss tail, so tail figures are far more precise than plain Monte Carlo with as many paths (standard errors by ${x.errorMethod}: ${es}); the effective sample size is low because the body of the distribution is sampled thinly, on purpose.</p>`,
  );
}
