// Matrix-sensing residuals (Xiong, Ding & Du, ICLR 2024), the m·n² part of a GD iteration:
//   residuals: r_i = <B_i, P> − y_i          one workgroup per measurement i, tree reduction over n²
//   residualSum: S_j = (1/m) Σ_i r_i B_i[j]  one thread per matrix entry j
// B is m×n² row-major (B_i at i·n²), P = XXᵀ or FGᵀ (n², row-major).

struct Shape { m: u32, nn: u32 }

const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> B: array<f32>;
@group(0) @binding(1) var<storage, read> P: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> r: array<f32>;
@group(0) @binding(4) var<uniform> shape: Shape;

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn residuals(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lidv: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = wid.x + wid.y * nwg.x;
  let lid = lidv.x;
  // Uniform control flow for the barriers: out-of-range workgroups reduce zeros and skip the write.
  var s = 0.0;
  if (i < shape.m) {
    let base = i * shape.nn;
    for (var j = lid; j < shape.nn; j += WG) { s += B[base + j] * P[j]; }
  }
  scratch[lid] = s;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) { scratch[lid] += scratch[lid + stride]; }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u && i < shape.m) { r[i] = scratch[0] - y[i]; }
}

@group(0) @binding(0) var<storage, read> Bs: array<f32>;
@group(0) @binding(1) var<storage, read> rs: array<f32>;
@group(0) @binding(2) var<storage, read_write> S: array<f32>;
@group(0) @binding(3) var<uniform> shapeS: Shape;

@compute @workgroup_size(WG)
fn residualSum(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let j = gid.x + gid.y * nwg.x * WG;
  if (j >= shapeS.nn) { return; }
  var s = 0.0;
  for (var i = 0u; i < shapeS.m; i++) { s += rs[i] * Bs[i * shapeS.nn + j]; }
  S[j] = s / f32(shapeS.m);
}
