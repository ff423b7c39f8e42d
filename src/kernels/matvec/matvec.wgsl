// y = A x for a row-major rows×cols f32 matrix A. Two entry points, one per row
// strategy (src/kernels/rowStrategy.ts):
// rowPerWorkgroup: one workgroup per row; threads stride over the columns (coalesced
//   reads of the row and of x), then a tree reduction of the partial dot products.
// rowPerThread: one thread per row walking the whole row; no barriers, which is what
//   a software adapter (SwiftShader) runs fastest.

struct Shape { rows: u32, cols: u32 }

const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

var<workgroup> partial: array<f32, WG>;

@compute @workgroup_size(WG)
fn rowPerWorkgroup(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = wid.x + wid.y * nwg.x;
  // The whole workgroup leaves together, so the barriers below stay uniform.
  if (row >= shape.rows) { return; }
  let lid = lidv.x;
  let base = row * shape.cols;
  var s = 0.0;
  for (var j = lid; j < shape.cols; j += WG) { s += a[base + j] * x[j]; }
  partial[lid] = s;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) { partial[lid] += partial[lid + stride]; }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u) { y[row] = partial[0]; }
}

@compute @workgroup_size(WG)
fn rowPerThread(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = (wid.x + wid.y * nwg.x) * WG + lidv.x;
  if (row >= shape.rows) { return; }
  let base = row * shape.cols;
  var s = 0.0;
  for (var j = 0u; j < shape.cols; j++) { s += a[base + j] * x[j]; }
  y[row] = s;
}
