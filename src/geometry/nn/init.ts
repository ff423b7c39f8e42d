/**
 * Seeded initialisation of an MLP's flat parameter vector (layout in mlp.ts).
 * W_l entries ~ N(0, gain / fan_in) with gain 2 for relu and gelu (He et al. 2015) and 1 for
 * tanh and softplus (LeCun), biases 0. `scale` multiplies the standard deviation (a slider for
 * "sharper" or "flatter" starts).
 */
import { gaussian, type Random } from '../random';
import type { Mlp } from './mlp';

export function initMlp(mlp: Mlp, random: Random, scale = 1): Float64Array {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`initialisation scale ${scale}; expected a positive number`);
  const theta = new Float64Array(mlp.paramCount);
  const gain = mlp.activation === 'relu' || mlp.activation === 'gelu' ? 2 : 1;
  for (let l = 0; l + 1 < mlp.layers.length; l++) {
    const fanIn = mlp.layers[l];
    const std = scale * Math.sqrt(gain / fanIn);
    const wo = mlp.weightOffset[l];
    const count = fanIn * mlp.layers[l + 1];
    for (let t = 0; t < count; t++) theta[wo + t] = std * gaussian(random);
  }
  return theta;
}
