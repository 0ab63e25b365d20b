/** Calls `fn` at most once per `ms` (a Redis outage emits an error per reconnect attempt; one line is enough). */
export function throttled<A extends unknown[]>(ms: number, fn: (...args: A) => void): (...args: A) => void {
  let last = -Infinity;
  return (...args: A) => {
    const now = Date.now();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}
