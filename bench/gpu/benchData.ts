/**
 * Benchmark inputs generated straight into GPU memory (for the src/**\/*.bench-gpu.ts
 * cases): uniform entries in [−1, 1) from a seeded generator, written into the mapped
 * buffer so a 8192×8192 matrix needs no second 256 MiB copy on the JavaScript heap.
 */
import { mulberry32 } from '../../src/geometry/random';
import type { KernelContext } from '../../src/kernels/context';

export function randomBuffer(ctx: KernelContext, length: number, seed: number, label: string): GPUBuffer {
  const byteLength = Math.max(4, length * 4);
  ctx.checkStorageSize(byteLength, label);
  const buffer = ctx.device.createBuffer({
    label,
    size: byteLength,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    mappedAtCreation: true,
  });
  const values = new Float32Array(buffer.getMappedRange());
  const random = mulberry32(seed);
  for (let i = 0; i < length; i++) values[i] = random() * 2 - 1;
  buffer.unmap();
  return buffer;
}
