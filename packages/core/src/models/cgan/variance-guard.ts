// Its own module (no TensorFlow import) so that core's index can export it
// without loading TensorFlow.js for users who never fit or load a cgan.

/**
 * Guard of the variance recursion: σ² is kept at most MAX_VARIANCE_RATIO × the
 * long-run variance (volatility ≤ 5 × its long-run level; US equity volatility
 * peaked near 5 × normal in October 1987 and late 2008). Without it an
 * innovation near the tail cap at a high variance compounds through
 * α·ε² into absurd paths (daily log moves beyond 100%).
 */
export const MAX_VARIANCE_RATIO = 25;
