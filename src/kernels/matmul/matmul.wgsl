// C = A B in f32 for row-major A (m×k), B (k×n), C (m×n), with m, k, n arbitrary.
// Tiled: a 16×16 workgroup computes one 16×16 block of C, one entry per thread.
// It walks the k dimension in 16-wide steps, staging a tile of A and a tile of B
// in workgroup memory so each global value is read once per workgroup rather than
// once per thread. Entries past the edges of A or B load as 0, which adds nothing
// to the dot products, so ragged edges need no special case.

struct Shape { m: u32, k: u32, n: u32 }

const T: u32 = 16u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> c: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

var<workgroup> tileA: array<array<f32, T>, T>;
var<workgroup> tileB: array<array<f32, T>, T>;

@compute @workgroup_size(T, T)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let row = wid.y * T + lid.y;
  let col = wid.x * T + lid.x;
  // No early return: every thread must reach the barriers; the bounds guard is on
  // the loads and the store instead.
  let steps = (shape.k + T - 1u) / T;
  var acc = 0.0;
  for (var s = 0u; s < steps; s++) {
    let ka = s * T + lid.x;
    let kb = s * T + lid.y;
    var va = 0.0;
    if (row < shape.m && ka < shape.k) { va = a[row * shape.k + ka]; }
    var vb = 0.0;
    if (kb < shape.k && col < shape.n) { vb = b[kb * shape.n + col]; }
    tileA[lid.y][lid.x] = va;
    tileB[lid.y][lid.x] = vb;
    workgroupBarrier();
    for (var p = 0u; p < T; p++) { acc += tileA[lid.y][p] * tileB[p][lid.x]; }
    workgroupBarrier();
  }
  if (row >= shape.m || col >= shape.n) { return; }
  c[row * shape.n + col] = acc;
}
