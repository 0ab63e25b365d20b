/**
 * ISO calendar dates (YYYY-MM-DD). Dates stay strings throughout tailforge:
 * for this form, string order is date order, and no time zone can shift them.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why `s` is not a YYYY-MM-DD calendar date, or `undefined` when it is one. */
export function isoDateProblem(s: string): string | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return 'is not in YYYY-MM-DD form';
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 0 || d < 0) return 'is not in YYYY-MM-DD form';
  if (m < 1 || m > 12) return `is not a real calendar date (month ${m})`;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  if (d < 1 || d > dim) return `is not a real calendar date (day ${d}; month ${m} of ${y} has ${dim} days)`;
  return undefined;
}

/** The decimal number in s[from, to), or -1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
