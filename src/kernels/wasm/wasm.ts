/**
 * Host side of the CPU path's WebAssembly SIMD kernels (src/kernels/wasm/assembly/kernels.ts,
 * AssemblyScript compiled with `--enable simd -O3`, f64x2). One compiled module per
 * engine; each job instantiates (or borrows) its own instance (its own memory), so jobs
 * interleaved at checkpoints never share a heap. Operators are built inside the instance's memory and
 * live there for the whole job (copying a large matrix in costs about one mat-vec).
 *
 * Pointers are byte offsets into the instance's memory. `memory.grow` detaches every
 * typed-array view, so `f64(ptr, count)` makes a fresh view of the current buffer: take
 * views after the last `allocate` of a job, or again after allocating.
 */

export interface KernelExports {
  memory: WebAssembly.Memory;
  heapReset(): void;
  allocate(bytes: number): number;
  matVec(a: number, x: number, y: number, n: number, m: number): void;
  matVecTransposed(a: number, u: number, y: number, n: number, m: number): void;
  expArray(x: number, out: number, count: number): void;
  rowLogSumExp(a: number, out: number, n: number, m: number): void;
  gibbsKernel(c: number, k: number, count: number, epsilon: number): void;
  sinkhornScalingPass(k: number, a: number, b: number, uIn: number, vIn: number, uOut: number, vOut: number, ktu: number, n: number, m: number): number;
  scalingPlan(k: number, u: number, v: number, plan: number, n: number, m: number): void;
  rowLogSumExpShifted(a: number, s: number, out: number, weighted: number, n: number, m: number, scale: number): void;
  columnLogSumExpShifted(a: number, s: number, out: number, work: number, n: number, m: number, scale: number): void;
  logDomainPlan(c: number, f: number, g: number, plan: number, n: number, m: number, scale: number): void;
  logSinkhornRowPass(
    k: number, c: number, v: number, g: number, fRef: number, logA: number, fNext: number, u: number,
    rowSum: number, rowWeighted: number, exactRow: number, exactRowWeighted: number, colSum: number,
    n: number, m: number, epsilon: number,
  ): void;
}

/** The most a 32-bit WebAssembly memory can address, less its first pages (the kernels' own data). */
export const MAX_WASM_BYTES = 2 ** 32 - 2 ** 20;

/** A kernel's buffers do not fit in WebAssembly memory; the engine reruns the job in JavaScript. */
export class WasmMemoryError extends Error {
  override name = 'WasmMemoryError';
  constructor(count: number) {
    super(`WebAssembly memory cannot grow to hold ${count} more f64 values`);
  }
}

/** One instance: the kernels and a typed allocator over its memory. */
export class WasmKernels {
  constructor(readonly exports: KernelExports) {
    exports.heapReset();
  }

  /**
   * Allocates room for `count` f64 (16-byte aligned); throws WasmMemoryError when the memory
   * cannot grow to hold them (a 32-bit memory holds at most 4 GiB, browsers often less), so
   * the engine can rerun the job on the JavaScript path.
   */
  allocF64(count: number): number {
    const bytes = count * 8;
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAX_WASM_BYTES) throw new WasmMemoryError(count);
    // 0: memory.grow failed, or the request would wrap the 32-bit address space (allocate refuses it)
    const ptr = this.exports.allocate(bytes);
    if (ptr === 0) throw new WasmMemoryError(count);
    return ptr;
  }

  /** Allocates and fills from `values`. */
  put(values: ArrayLike<number>): number {
    const ptr = this.allocF64(values.length);
    this.f64(ptr, values.length).set(values);
    return ptr;
  }

  /** A view of `count` f64 at `ptr` on the current memory buffer (stale after the memory grows). */
  f64(ptr: number, count: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, count);
  }
}

/** An instance given back (`recycle`) is kept for the next `borrow` only while its memory is at most this big. */
export const SPARE_MAX_BYTES = 64 * 2 ** 20;

/**
 * A compiled kernel module; `instantiate()` gives a fresh instance with its own memory.
 *
 * `borrow()` / `recycle()`: a job whose operator lives only as long as the job (the Sinkhorn
 * solve builds K anew for each ε) borrows an instance and gives it back when no pointer into
 * it is used any more; the next borrow gets it with its heap reset. A fresh memory's pages
 * are faulted in on first touch (building a 1000² K in fresh memory cost ~5 ms here, about
 * as much as computing it), and WebAssembly memory never shrinks, so at most one spare of at
 * most SPARE_MAX_BYTES is kept.
 */
export class WasmKernelModule {
  /** One spare, shared by every object made with Object.create(this) (the engine's tracked views of the module). */
  private readonly spare: { kernels: WasmKernels | null } = { kernels: null };

  /** `module` is structured-clonable: the engine posts it to its pool workers (src/workers/pool.ts). */
  constructor(readonly module: WebAssembly.Module) {}

  instantiate(): WasmKernels {
    const instance = new WebAssembly.Instance(this.module, { env: { abort: abortFromWasm } });
    return new WasmKernels(instance.exports as unknown as KernelExports);
  }

  /** The spare instance (heap reset: every earlier pointer is void) or a fresh one. */
  borrow(): WasmKernels {
    const spare = this.spare.kernels;
    if (!spare) return this.instantiate();
    this.spare.kernels = null;
    spare.exports.heapReset();
    return spare;
  }

  /** Gives a borrowed instance back; the caller must not use it, or any view of its memory, again. */
  recycle(kernels: WasmKernels): void {
    if (kernels.exports.memory.buffer.byteLength <= SPARE_MAX_BYTES) this.spare.kernels = kernels;
  }
}

function abortFromWasm(): never {
  throw new Error('WebAssembly kernel aborted');
}

/**
 * A minimal module using one f64x2 instruction (f64x2.splat of a constant, dropped):
 * WebAssembly.validate accepts it exactly where 128-bit SIMD is available.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () → ()
  0x03, 0x02, 0x01, 0x00, // function section
  0x0a, 0x10, 0x01, 0x0e, 0x00, // code section, one body of 14 bytes, no locals
  0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // f64.const 0
  0xfd, 0x14, // f64x2.splat
  0x1a, // drop
  0x0b, // end
]);

/** True where WebAssembly with 128-bit SIMD is available. */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Compiles the kernel module from its bytes (Node, tests) or a URL (the worker); null without SIMD. */
export async function compileKernels(source: BufferSource | string | URL): Promise<WasmKernelModule | null> {
  if (!wasmSimdSupported()) return null;
  let bytes: BufferSource;
  if (typeof source === 'string' || source instanceof URL) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`could not load ${String(source)}: ${response.status}`);
    bytes = await response.arrayBuffer();
  } else bytes = source;
  return new WasmKernelModule(await WebAssembly.compile(bytes));
}
