// Batched dense layer products for the MLP passes, in f32:
//   C[offC + r·n + c] = (ACCUMULATE ? C : 0) + Σ_p op(A)[r, p] · op(B)[p, c] + (BIAS ? bias[offBias + c] : 0)
// with op(A) = A (m×k, row-major) or Aᵀ (A stored k×m) and op(B) = B (k×n) or Bᵀ (B stored n×k).
// The three MLP patterns: forward Z = A Wᵀ (transB), backward δW (plain), weight gradient δᵀA (transA).
// Offsets let A, B, C and the bias be slices of the flat parameter / direction / output vectors.
// Tiled like the matmul kernel: a 16×16 workgroup stages 16×16 tiles of op(A), op(B) in workgroup
// memory; out-of-range loads read 0 so ragged edges need no special case.

struct Shape {
  m: u32, k: u32, n: u32, flags: u32,
  offA: u32, offB: u32, offC: u32, offBias: u32,
}

const T: u32 = 16u;
const TRANS_A: u32 = 1u;
const TRANS_B: u32 = 2u;
const ACCUMULATE: u32 = 4u;
const BIAS: u32 = 8u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<uniform> shape: Shape;

var<workgroup> tileA: array<array<f32, T>, T>;
var<workgroup> tileB: array<array<f32, T>, T>;

@compute @workgroup_size(T, T)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row = wid.y * T + lid.y;
  let col = wid.x * T + lid.x;
  let transA = (shape.flags & TRANS_A) != 0u;
  let transB = (shape.flags & TRANS_B) != 0u;
  let steps = (shape.k + T - 1u) / T;
  var acc = 0.0;
  // No early return before the barriers: the bounds guard is on the loads and the store.
  for (var s = 0u; s < steps; s++) {
    let ka = s * T + lid.x;
    let kb = s * T + lid.y;
    var va = 0.0;
    if (row < shape.m && ka < shape.k) {
      if (transA) { va = a[shape.offA + ka * shape.m + row]; } else { va = a[shape.offA + row * shape.k + ka]; }
    }
    var vb = 0.0;
    if (kb < shape.k && col < shape.n) {
      if (transB) { vb = b[shape.offB + col * shape.k + kb]; } else { vb = b[shape.offB + kb * shape.n + col]; }
    }
    tileA[lid.y][lid.x] = va;
    tileB[lid.y][lid.x] = vb;
    workgroupBarrier();
    for (var p = 0u; p < T; p++) { acc += tileA[lid.y][p] * tileB[p][lid.x]; }
    workgroupBarrier();
  }
  if (row >= shape.m || col >= shape.n) { return; }
  let index = shape.offC + row * shape.n + col;
  if ((shape.flags & BIAS) != 0u) { acc += bias[shape.offBias + col]; }
  if ((shape.flags & ACCUMULATE) != 0u) { acc += c[index]; }
  c[index] = acc;
}
