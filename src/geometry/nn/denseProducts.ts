/**
 * The dense products the MLP passes (passes.ts) are made of, as an injectable backend: the
 * passes call `ws.products`, whose default is the f64 JS reference of layerProducts.ts. The
 * CPU path's WebAssembly SIMD backend (src/kernels/wasm/denseProducts.ts) implements the same
 * three products with the same signatures; a worker job chooses which one a workspace gets.
 *
 *   affineRows:       Z (+)= c + A Mᵀ     (forward, R-forward)
 *   rowsTimesMatrix:  B (+)= D M          (backward, R-backward)
 *   accumulateOuter:  G  += Dᵀ A, b += Dᵀ1 (weight and bias gradients)
 */
import { accumulateOuter, affineRows, rowsTimesMatrix } from './layerProducts';

export interface DenseProducts {
  readonly name: string;
  affineRows: typeof affineRows;
  rowsTimesMatrix: typeof rowsTimesMatrix;
  accumulateOuter: typeof accumulateOuter;
}

export const JS_DENSE_PRODUCTS: DenseProducts = { name: 'js', affineRows, rowsTimesMatrix, accumulateOuter };
