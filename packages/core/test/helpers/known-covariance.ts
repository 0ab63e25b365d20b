/**
 * A known 3-asset distribution for parameter-recovery tests: location μ and
 * Σ = L·Lᵀ with L = 0.01·[[2,0,0],[1,3,0],[−1,2,3]], so
 * Σ = 1e-4·[[4,2,−2],[2,10,5],[−2,5,14]].
 */
export const MU = [0.001, -0.0005, 0.0002];
export const L = [2, 0, 0, 1, 3, 0, -1, 2, 3].map((v) => 0.01 * v);
export const SIGMA = [4, 2, -2, 2, 10, 5, -2, 5, 14].map((v) => 1e-4 * v);
