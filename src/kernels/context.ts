/**
 * The host side shared by every kernel: a pipeline cache keyed by label,
 * buffer helpers and a dispatch helper. A `KernelContext` wraps a GPUDevice
 * that the worker owns (src/workers is the only place that creates one).
 */

/** Thrown when a problem does not fit the device (buffer or dispatch limits). */
export class DeviceLimitError extends Error {
  override name = 'DeviceLimitError';
}

export type TypedArray = Float32Array | Uint32Array | Int32Array;

/** Largest workgroup count per dimension guaranteed by WebGPU. */
export const MAX_WORKGROUPS_PER_DIMENSION = 65535;
/** Identical uniform buffers kept for reuse (oldest dropped first). */
const MAX_CACHED_UNIFORMS = 512;

export class KernelContext {
  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly uniforms = new Map<string, GPUBuffer>();

  constructor(readonly device: GPUDevice) {}

  /**
   * A compute pipeline, built once per (label, constants) and cached. The label is
   * the kernel's name so validation errors and captures name the kernel.
   */
  pipeline(label: string, code: string, constants: Record<string, number> = {}, entryPoint = 'main'): GPUComputePipeline {
    const key = `${label}|${entryPoint}|${JSON.stringify(constants)}`;
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      let module = this.modules.get(label);
      if (!module) {
        module = this.device.createShaderModule({ label, code });
        this.modules.set(label, module);
      }
      pipeline = this.device.createComputePipeline({
        label: key,
        layout: 'auto',
        compute: { module, entryPoint, constants },
      });
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** Checks a storage binding's size against the device before allocating it. */
  checkStorageSize(byteLength: number, what: string): void {
    const limit = Math.min(this.device.limits.maxStorageBufferBindingSize, this.device.limits.maxBufferSize);
    if (byteLength > limit) {
      throw new DeviceLimitError(
        `${what} needs ${(byteLength / 2 ** 20).toFixed(1)} MiB but this GPU binds at most ${(limit / 2 ** 20).toFixed(1)} MiB`,
      );
    }
  }

  /** A storage buffer holding `data` (also a copy source and destination). */
  upload(data: TypedArray, label: string): GPUBuffer {
    const byteLength = Math.max(4, data.byteLength);
    this.checkStorageSize(byteLength, label);
    const buffer = this.device.createBuffer({
      label,
      size: align4(byteLength),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      mappedAtCreation: true,
    });
    const Ctor = data.constructor as new (b: ArrayBuffer) => TypedArray;
    new Ctor(buffer.getMappedRange()).set(data);
    buffer.unmap();
    return buffer;
  }

  /** An uninitialised (zeroed) storage buffer of `byteLength` bytes. */
  storage(byteLength: number, label: string): GPUBuffer {
    const size = align4(Math.max(4, byteLength));
    this.checkStorageSize(size, label);
    return this.device.createBuffer({
      label,
      size,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
  }

  /** A uniform buffer of 32-bit words; `words` mixes u32 and f32 via the given kinds. */
  uniform(values: readonly number[], kinds: string, label: string): GPUBuffer {
    if (kinds.length !== values.length) throw new Error(`uniform ${label}: ${values.length} values but ${kinds.length} kinds`);
    const size = align16(values.length * 4);
    const bytes = new ArrayBuffer(size);
    const view = new DataView(bytes);
    values.forEach((v, i) => {
      if (kinds[i] === 'u') view.setUint32(i * 4, v, true);
      else if (kinds[i] === 'i') view.setInt32(i * 4, v, true);
      else view.setFloat32(i * 4, v, true);
    });
    const buffer = this.device.createBuffer({ label, size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, bytes);
    return buffer;
  }

  /**
   * Like `uniform`, but identical values share one cached buffer, so kernels encoded in a loop
   * (shapes, constants) do not allocate a buffer per dispatch. The caller must neither write to nor
   * destroy it. Evicted entries are dropped, not destroyed: an encoder not yet submitted may still use them.
   */
  sharedUniform(values: readonly number[], kinds: string, label: string): GPUBuffer {
    const key = `${label}|${kinds}|${values.join(',')}`;
    const cached = this.uniforms.get(key);
    if (cached) return cached;
    const buffer = this.uniform(values, kinds, label);
    if (this.uniforms.size >= MAX_CACHED_UNIFORMS) this.uniforms.delete(this.uniforms.keys().next().value!);
    this.uniforms.set(key, buffer);
    return buffer;
  }

  /**
   * Records one dispatch: binding i of group 0 is buffers[i]. When an encoder is
   * given the pass is appended to it (several kernels, one submit); otherwise it is
   * submitted at once.
   */
  dispatch(
    pipeline: GPUComputePipeline,
    buffers: readonly GPUBuffer[],
    workgroups: readonly [number, number?, number?],
    encoder?: GPUCommandEncoder,
  ): void {
    const [x, y = 1, z = 1] = workgroups;
    for (const count of [x, y, z]) {
      if (count > MAX_WORKGROUPS_PER_DIMENSION) {
        throw new DeviceLimitError(`dispatch of ${count} workgroups exceeds ${MAX_WORKGROUPS_PER_DIMENSION} per dimension`);
      }
    }
    const bindGroup = this.device.createBindGroup({
      label: pipeline.label,
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const own = encoder ?? this.device.createCommandEncoder({ label: pipeline.label });
    const pass = own.beginComputePass({ label: pipeline.label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
    if (!encoder) this.device.queue.submit([own.finish()]);
  }

  /** Copies `byteLength` bytes of a storage buffer back to the CPU. */
  async read(buffer: GPUBuffer, byteLength = buffer.size): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({
      label: `${buffer.label}:readback`,
      size: align4(byteLength),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const encoder = this.device.createCommandEncoder({ label: `${buffer.label}:readback` });
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, align4(byteLength));
    this.device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const copy = staging.getMappedRange(0, align4(byteLength)).slice(0, byteLength);
    staging.unmap();
    staging.destroy();
    return copy;
  }

  async readFloat32(buffer: GPUBuffer, length: number): Promise<Float32Array> {
    return new Float32Array(await this.read(buffer, length * 4));
  }
}

/**
 * Splits `count` workgroups over x and y so neither exceeds the per-dimension
 * limit; shaders recover the flat index as wid.x + wid.y * nwg.x.
 */
export function grid(count: number): [number, number] {
  if (count <= MAX_WORKGROUPS_PER_DIMENSION) return [Math.max(1, count), 1];
  const y = Math.ceil(count / MAX_WORKGROUPS_PER_DIMENSION);
  return [Math.ceil(count / y), y];
}

export function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

export function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

/** Converts any numeric array to f32 for upload. */
export function toFloat32(x: ArrayLike<number>): Float32Array {
  return x instanceof Float32Array ? x : Float32Array.from(x);
}
