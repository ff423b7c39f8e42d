/**
 * Host code for the batched logit JVP: the logits z and slopes a_k = ∇z_k·v of every
 * sample for an MLP with parameters θ and a tangent v, one layer per dispatch, then
 * (optionally, same submit) the per-sample spread Δ_a and radius ρ_a of the slopes.
 * CPU reference: the shared MLP's logit JVP in src/geometry/nn.
 */
import { grid, toFloat32, type KernelContext } from '../context';
import { encodeBatchSpread, encodeSlopeSpread } from '../slopeSpread/slopeSpread';
import code from './logitJvp.wgsl?raw';

const WG = 64;

/** Where one dense layer's W (row-major outputs×inputs) and b live in the flat parameter vector. */
export interface DenseLayerLayout {
  inputs: number;
  outputs: number;
  weightOffset: number;
  biasOffset: number;
}

export type JvpActivation = 'identity' | 'tanh' | 'relu' | 'softplus' | 'gelu';
const ACTIVATION_CODES: Record<JvpActivation, number> = { identity: 0, tanh: 1, relu: 2, softplus: 3, gelu: 4 };

/**
 * Records the forward-mode pass for `samples` rows of `x` (samples×inputs of layer 0);
 * hidden layers use `activation`, the last is linear. Returns the (logits, slopes) buffers
 * (samples×outputs of the last layer), owned by the caller.
 */
export function encodeLogitJvp(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  params: GPUBuffer,
  tangent: GPUBuffer,
  x: GPUBuffer,
  samples: number,
  layers: readonly DenseLayerLayout[],
  activation: JvpActivation,
): { logits: GPUBuffer; slopes: GPUBuffer; temporaries: GPUBuffer[] } {
  let h = x;
  let dh = ctx.storage(samples * layers[0].inputs * 4, 'logitJvp:zero-tangent');
  const temporaries: GPUBuffer[] = [dh];
  layers.forEach((layer, index) => {
    const last = index === layers.length - 1;
    const pipeline = ctx.pipeline('logitJvp', code, { ACTIVATION: last ? 0 : ACTIVATION_CODES[activation] });
    const uniform = ctx.uniform(
      [samples, layer.inputs, layer.outputs, layer.weightOffset, layer.biasOffset],
      'uuuuu',
      'logitJvp:layer',
    );
    const hOut = ctx.storage(samples * layer.outputs * 4, `logitJvp:h${index + 1}`);
    const dhOut = ctx.storage(samples * layer.outputs * 4, `logitJvp:dh${index + 1}`);
    ctx.dispatch(pipeline, [params, tangent, h, dh, hOut, dhOut, uniform], grid(Math.ceil((samples * layer.outputs) / WG)), encoder);
    temporaries.push(hOut, dhOut);
    h = hOut;
    dh = dhOut;
  });
  // The returned buffers are the last two temporaries; the caller frees everything else.
  temporaries.splice(temporaries.length - 2, 2);
  return { logits: h, slopes: dh, temporaries };
}

export interface LogitJvpResult {
  logits: Float32Array;
  slopes: Float32Array;
  spreads: Float32Array;
  /** π/Δ_a per sample, +Infinity where Δ_a = 0. */
  radii: Float32Array;
  batchRadius: number;
}

/** One-shot: JVP through the MLP, then the spread kernel on the slopes, one submit, readback. */
export async function logitJvpGpu(
  ctx: KernelContext,
  params: ArrayLike<number>,
  tangent: ArrayLike<number>,
  x: ArrayLike<number>,
  samples: number,
  layers: readonly DenseLayerLayout[],
  activation: JvpActivation,
): Promise<LogitJvpResult> {
  if (layers.length === 0) throw new Error('the MLP has no layers');
  if (params.length !== tangent.length) throw new Error(`tangent has ${tangent.length} entries but the parameters have ${params.length}`);
  if (x.length !== samples * layers[0].inputs) {
    throw new Error(`inputs have ${x.length} entries but ${samples} samples × ${layers[0].inputs} features need ${samples * layers[0].inputs}`);
  }
  const classes = layers[layers.length - 1].outputs;
  const pb = ctx.upload(toFloat32(params), 'logitJvp:params');
  const tb = ctx.upload(toFloat32(tangent), 'logitJvp:tangent');
  const xb = ctx.upload(toFloat32(x), 'logitJvp:x');
  const encoder = ctx.device.createCommandEncoder({ label: 'logitJvp' });
  const { logits, slopes, temporaries } = encodeLogitJvp(ctx, encoder, pb, tb, xb, samples, layers, activation);
  const spreadBuf = ctx.storage(samples * 4, 'logitJvp:spreads');
  const radiiBuf = ctx.storage(samples * 4, 'logitJvp:radii');
  const batchBuf = ctx.storage(8, 'logitJvp:batch');
  encodeSlopeSpread(ctx, encoder, slopes, spreadBuf, radiiBuf, samples, classes);
  encodeBatchSpread(ctx, encoder, spreadBuf, batchBuf, samples);
  ctx.device.queue.submit([encoder.finish()]);
  const [z, a, spreads, radii, batch] = await Promise.all([
    ctx.readFloat32(logits, samples * classes),
    ctx.readFloat32(slopes, samples * classes),
    ctx.readFloat32(spreadBuf, samples),
    ctx.readFloat32(radiiBuf, samples),
    ctx.readFloat32(batchBuf, 2),
  ]);
  for (const b of [pb, tb, xb, logits, slopes, spreadBuf, radiiBuf, batchBuf, ...temporaries]) b.destroy();
  for (let i = 0; i < samples; i++) if (radii[i] < 0) radii[i] = Infinity;
  return { logits: z, slopes: a, spreads, radii, batchRadius: batch[1] < 0 ? Infinity : batch[1] };
}
