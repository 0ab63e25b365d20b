import type { tensorflow } from '@tailforge/core';

/** The TF.js module as core hands it out (scenarios takes no direct TensorFlow dependency). */
export type Tf = Awaited<ReturnType<typeof tensorflow>>;
export type Tensor = ReturnType<Tf['tensor']>;
export type Tensor1D = ReturnType<Tf['tensor1d']>;
export type Tensor2D = ReturnType<Tf['tensor2d']>;
export type Tensor3D = ReturnType<Tf['tensor3d']>;
