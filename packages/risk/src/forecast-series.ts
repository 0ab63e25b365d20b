// Per-day forecasts given either as one number for all days or one per day.
// Internal: not exported from index.ts.

/** A forecast per day, or one number for every day. */
export type ForecastSeries = number | ArrayLike<number>;

/** Value of the forecast on day t. */
export function forecastAt(forecast: ForecastSeries, t: number): number {
  return typeof forecast === 'number' ? forecast : forecast[t];
}

/** Throws RangeError unless `forecast` is a number or has length T; every value must be finite. */
export function checkForecastSeries(forecast: ForecastSeries, T: number, name: string): void {
  if (typeof forecast === 'number') {
    if (!Number.isFinite(forecast)) throw new RangeError(`${name} must be a finite number, got ${String(forecast)}`);
    return;
  }
  if (forecast.length !== T) {
    throw new RangeError(`${name} must be a number or have one forecast per day (${T}), got length ${forecast.length}`);
  }
  for (let t = 0; t < T; t++) {
    if (!Number.isFinite(forecast[t])) throw new RangeError(`${name}[${t}] must be a finite number, got ${String(forecast[t])}`);
  }
}
