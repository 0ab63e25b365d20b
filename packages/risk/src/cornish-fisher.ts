// Shared checks and the loss-quantile expansion for cornishFisherVaR / cornishFisherES.
// Internal: not exported from index.ts.
import { checkConfidence, checkNormalParams } from './validate.js';

/** Validates the four moments and the confidence. */
export function checkCornishFisher(mean: number, sd: number, skew: number, exKurt: number, confidence: number): void {
  checkNormalParams(mean, sd);
  if (!Number.isFinite(skew)) throw new RangeError(`skew must be a finite number, got ${String(skew)}`);
  if (!Number.isFinite(exKurt)) throw new RangeError(`exKurt must be a finite number, got ${String(exKurt)}`);
  checkConfidence(confidence);
}
