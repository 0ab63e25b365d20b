/**
 * Parses a replay setting (`run --replay`, a batch job's `replay:`): `worst:K`
 * (K from 1 to 100), `none`, or start dates `YYYY-MM-DD[,...]`. Throws an
 * Error whose message says what was expected.
 */
export function parseReplaySpec(value: string): { worst: number } | { dates: string[] } | 'none' {
  const v = value.trim();
  if (v === 'none') return 'none';
  const m = /^worst:(\d+)$/.exec(v);
  if (m !== null) {
    const k = Number(m[1]);
    if (k < 1 || k > 100) throw new Error(`worst:K takes K from 1 to 100, got ${k}`);
    return { worst: k };
  }
  const dates = v.split(',').map((d) => d.trim()).filter((d) => d !== '');
  for (const d of dates) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`expected worst:K, none, or start dates YYYY-MM-DD[,...], got "${d}"`);
  }
  if (dates.length === 0) throw new Error('expected worst:K, none, or start dates YYYY-MM-DD[,...]');
  return { dates };
}
