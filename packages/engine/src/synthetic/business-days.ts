const DAY_MS = 86_400_000;

/**
 * The `n` business days (Monday to Friday; no holiday calendar) after the
 * ISO date `after` (YYYY-MM-DD), as ISO dates.
 *
 * @example
 * businessDaysAfter('2001-01-05', 3); // a Friday => ['2001-01-08', '2001-01-09', '2001-01-10']
 */
export function businessDaysAfter(after: string, n: number): string[] {
  let t = Date.parse(`${after}T00:00:00Z`);
  if (!Number.isFinite(t)) throw new RangeError(`expected a date YYYY-MM-DD, got "${after}"`);
  const out: string[] = [];
  while (out.length < n) {
    t += DAY_MS;
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
