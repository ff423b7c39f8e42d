/**
 * The heat kernel H_t = exp(−tL) applied to a block X by a Chebyshev expansion on
 * [0, λ_max] (Huguet et al. 2023, §4.1; Marcotte et al. 2022, "Fast multiscale
 * diffusion on graphs", eq. 5). With φ = λ_max/2 and L̃ = L/φ − I (spectrum in [−1, 1]),
 *     exp(−tL) = e^{−tφ} exp(−tφ L̃) = c_0/2 + Σ_{k≥1} c_k T_k(L̃),
 *     c_k = 2 (−1)^k e^{−tφ} I_k(tφ)
 * from the generating function e^{z cos θ} = I_0(z) + 2 Σ I_k(z) cos kθ (A&S 9.6.34).
 * T_k(L̃)X follows the three-term recurrence T_{k+1} = 2 L̃ T_k − T_{k−1}: K sparse
 * mat-mats. Because |T_k| ≤ 1 on [−1, 1], the truncation error in the spectral norm is
 * at most Σ_{k>K} |c_k| = 1 − e^{−tφ}I_0(tφ) − 2 Σ_{k=1..K} e^{−tφ}I_k(tφ) (see
 * `chebyshevTruncationBound`): the number behind the "order too small" warning.
 */
import { besselIScaled } from './bessel';
import { csrMatMat, type CsrMatrix } from './sparse';

/** The K + 1 coefficients c_k of exp(−t λ) on [0, λ_max]. */
export function heatChebyshevCoefficients(t: number, lambdaMax: number, order: number): Float64Array {
  if (!(t >= 0) || !Number.isFinite(t)) throw new Error(`invalid diffusion time t: ${t} (need t ≥ 0)`);
  if (!(lambdaMax > 0) || !Number.isFinite(lambdaMax)) throw new Error(`invalid λ_max: ${lambdaMax} (need λ_max > 0)`);
  const phi = lambdaMax / 2;
  const ive = besselIScaled(t * phi, order);
  const c = new Float64Array(order + 1);
  for (let k = 0; k <= order; k++) c[k] = 2 * (k % 2 === 0 ? 1 : -1) * ive[k];
  return c;
}

/** Upper bound on ‖exp(−tL) − p_K(L)‖₂ for the order-K expansion (the tail of |c_k|). */
export function chebyshevTruncationBound(t: number, lambdaMax: number, order: number): number {
  const ive = besselIScaled(t * (lambdaMax / 2), order);
  let head = ive[0];
  for (let k = 1; k <= order; k++) head += 2 * ive[k];
  return Math.max(0, 1 - head);
}

/** The smallest order whose truncation bound is ≤ tolerance (searching up to 4096). */
export function chebyshevOrderFor(t: number, lambdaMax: number, tolerance: number): number {
  const x = t * (lambdaMax / 2);
  const ive = besselIScaled(x, 4096);
  let head = ive[0];
  for (let k = 1; k <= 4096; k++) {
    if (1 - head <= tolerance) return k - 1;
    head += 2 * ive[k];
  }
  return 4096;
}

/**
 * Y = exp(−tL) X for each t in `times` (one recurrence shared by all times, as the
 * reference code does for its entropy sweep). X is n×m row-major.
 * Returns one n×m block per time. `onStep` is called after each order (progress).
 */
export function heatKernelChebyshev(
  l: CsrMatrix,
  lambdaMax: number,
  times: readonly number[],
  order: number,
  x: Float64Array,
  m: number,
  onStep?: (k: number) => void,
): Float64Array[] {
  const n = l.rows;
  if (!Number.isInteger(order) || order < 1) throw new Error(`invalid Chebyshev order: ${order} (need an integer ≥ 1)`);
  if (x.length !== n * m) throw new Error(`block has ${x.length} entries but ${n}×${m} needs ${n * m}`);
  const coefficients = times.map((t) => heatChebyshevCoefficients(t, lambdaMax, order));
  const phi = lambdaMax / 2;
  const size = n * m;
  let previous: Float64Array = Float64Array.from(x); // T_0 X
  let current: Float64Array = csrMatMat(l, previous, m); // L X → L̃ X = LX/φ − X
  for (let i = 0; i < size; i++) current[i] = current[i] / phi - previous[i];
  const out = coefficients.map((c) => {
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) y[i] = 0.5 * c[0] * previous[i] + c[1] * current[i];
    return y;
  });
  let scratch = new Float64Array(size);
  for (let k = 2; k <= order; k++) {
    csrMatMat(l, current, m, scratch);
    // T_{k} = 2 (L/φ − I) T_{k−1} − T_{k−2}, written into the buffer of T_{k−2}
    for (let i = 0; i < size; i++) previous[i] = (2 / phi) * scratch[i] - 2 * current[i] - previous[i];
    const next = previous;
    previous = current;
    current = next;
    for (let s = 0; s < out.length; s++) {
      const c = coefficients[s][k];
      const y = out[s];
      for (let i = 0; i < size; i++) y[i] += c * current[i];
    }
    onStep?.(k);
  }
  scratch = new Float64Array(0);
  return out;
}

/**
 * The dense heat kernel exp(−tL) (n×n) by Chebyshev, applied to the identity one block
 * of `blockSize` columns at a time (exp(−tL) acts on columns independently), with the
 * recurrence and the accumulation fused into the sparse product row by row: each
 * block's slabs stay in cache. Two more savings, exact in arithmetic:
 *  - blocks are graph-local (columns taken in breadth-first order), and
 *  - T_k(L̃) e_j vanishes beyond k hops of j, so step k only touches the rows within k
 *    hops of the block; the rest of the slab is still zero.
 * Same arithmetic as `heatKernelChebyshev` on the touched rows.
 */
export function heatKernelChebyshevDense(
  l: CsrMatrix,
  lambdaMax: number,
  t: number,
  order: number,
  blockSize = 64,
  onBlock?: (done: number, total: number) => void,
): Float64Array {
  const n = l.rows;
  if (!Number.isInteger(order) || order < 1) throw new Error(`invalid Chebyshev order: ${order} (need an integer ≥ 1)`);
  const c = heatChebyshevCoefficients(t, lambdaMax, order);
  return assembleColumnBlocks(l, columnBlockSize(blockSize, n), (block) => chebyshevColumns(l, lambdaMax, c, block), onBlock);
}

/** The column-block width the dense heat kernels use: `blockSize` clamped to [1, n]. */
export function columnBlockSize(blockSize: number, n: number): number {
  return Math.max(1, Math.min(blockSize, n));
}

/**
 * H (n×n) assembled from column blocks of width `b`, the columns taken in breadth-first order
 * (graph-local blocks); `runBlock(block)` returns H[:, block] (n×m row-major). Shared by the JS
 * reference and the WASM host, which differ only in how a block is computed.
 */
export function assembleColumnBlocks(
  l: CsrMatrix,
  b: number,
  runBlock: (block: Int32Array) => Float64Array,
  onBlock?: (done: number, total: number) => void,
): Float64Array {
  const n = l.rows;
  const h = new Float64Array(n * n);
  const columns = breadthFirstOrder(l);
  for (let start = 0; start < n; start += b) {
    const block = columns.subarray(start, Math.min(n, start + b));
    const m = block.length;
    const y = runBlock(block);
    for (let i = 0; i < n; i++) for (let q = 0; q < m; q++) h[i * n + block[q]] = y[i * m + q];
    onBlock?.(start + m, n);
  }
  return h;
}

/**
 * C = exp(−tL) E (n×m row-major), E the indicator columns `columns`: the Chebyshev recurrence of
 * `heatKernelChebyshev` with the three-term update and the accumulation fused into the sparse
 * product row by row. T_k(L̃) e_j vanishes beyond k hops of j, so step k only touches the rows
 * within k hops of the columns (the "ball"); the other rows stay zero.
 */
export function heatKernelColumns(l: CsrMatrix, lambdaMax: number, t: number, order: number, columns: ArrayLike<number>): Float64Array {
  if (!Number.isInteger(order) || order < 1) throw new Error(`invalid Chebyshev order: ${order} (need an integer ≥ 1)`);
  return chebyshevColumns(l, lambdaMax, heatChebyshevCoefficients(t, lambdaMax, order), columns);
}

function chebyshevColumns(l: CsrMatrix, lambdaMax: number, c: Float64Array, columns: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const m = columns.length;
  const order = c.length - 1;
  const phi = lambdaMax / 2;
  const { rowPtr, colIndex, values } = l;
  let previous = new Float64Array(n * m);
  let current = new Float64Array(n * m);
  const y = new Float64Array(n * m);
  const ball = new Int32Array(n); // rows within the current hop radius of the columns
  for (let q = 0; q < m; q++) previous[columns[q] * m + q] = 1; // T_0 = I[:, columns]
  const hops = hopBall(l, columns, ball, new Uint8Array(n));
  hops.grow();
  // T_1 = L̃ T_0 and Y = c_0/2 T_0 + c_1 T_1, on the 1-hop ball
  for (let r = 0, size = hops.size; r < size; r++) {
    const i = ball[r];
    const oi = i * m;
    for (let q = 0; q < m; q++) current[oi + q] = -previous[oi + q];
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const v = values[p] / phi;
      const oj = colIndex[p] * m;
      for (let q = 0; q < m; q++) current[oi + q] += v * previous[oj + q];
    }
    for (let q = 0; q < m; q++) y[oi + q] = 0.5 * c[0] * previous[oi + q] + c[1] * current[oi + q];
  }
  for (let k = 2; k <= order; k++) {
    hops.grow();
    const ck = c[k];
    // T_k = 2 L̃ T_{k−1} − T_{k−2}, written over T_{k−2} row by row (row i of T_{k−2} is read only here)
    const size = hops.size;
    for (let r = 0; r < size; r++) {
      const i = ball[r];
      const oi = i * m;
      for (let q = 0; q < m; q++) previous[oi + q] = -previous[oi + q] - 2 * current[oi + q];
      for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
        const v = (2 * values[p]) / phi;
        const oj = colIndex[p] * m;
        for (let q = 0; q < m; q++) previous[oi + q] += v * current[oj + q];
      }
      for (let q = 0; q < m; q++) y[oi + q] += ck * previous[oi + q];
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  return y;
}

/**
 * The rows within h hops of `columns` in the graph of L, grown one hop per `grow()`: `ball`
 * holds them (the columns first, then each hop's new rows in CSR order), `inBall` marks them;
 * both are the caller's (the WASM Chebyshev step reads `ball` from its own memory) and are
 * cleared here. T_k(L̃) e_j vanishes beyond k hops of j, so step k needs only these rows.
 */
export function hopBall(l: CsrMatrix, columns: ArrayLike<number>, ball: Int32Array, inBall: Uint8Array): { readonly size: number; grow(): void } {
  const n = l.rows;
  const { rowPtr, colIndex } = l;
  inBall.fill(0);
  let size = 0;
  for (let q = 0; q < columns.length; q++) {
    const j = columns[q];
    if (!inBall[j]) {
      inBall[j] = 1;
      ball[size++] = j;
    }
  }
  let frontier = 0; // ball[frontier..size) are the rows added last
  return {
    get size() {
      return size;
    },
    grow() {
      if (size === n) return;
      const end = size;
      for (let r = frontier; r < end; r++) {
        const i = ball[r];
        for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
          const j = colIndex[p];
          if (!inBall[j]) {
            inBall[j] = 1;
            ball[size++] = j;
          }
        }
      }
      frontier = end;
    },
  };
}

/** Nodes in breadth-first order (component by component), so consecutive nodes are graph-local. */
export function breadthFirstOrder(l: CsrMatrix): Int32Array {
  const n = l.rows;
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    let head = tail;
    order[tail++] = s;
    while (head < tail) {
      const i = order[head++];
      for (let p = l.rowPtr[i]; p < l.rowPtr[i + 1]; p++) {
        const j = l.colIndex[p];
        if (!seen[j]) {
          seen[j] = 1;
          order[tail++] = j;
        }
      }
    }
  }
  return order;
}
