/** start, start+1, ..., end (inclusive). */
export function range(start: number, end: number): Int32Array {
  const out = new Int32Array(Math.max(0, end - start + 1));
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}
