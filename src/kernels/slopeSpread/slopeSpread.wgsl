// Per-sample slope spread and radius (Sao 2026, "Ghosts of Softmax"):
//   Δ_a(i) = max_k a[i,k] − min_k a[i,k],   ρ_a(i) = π / Δ_a(i)
// for a row-major samples×classes slope matrix, and the batch spread max_i Δ_a(i).
// perSample: one thread per sample. Δ_a = 0 means an infinite radius; WGSL may assume
//   no infinities, so it is written as the sentinel −1 and the host turns it into +Infinity.
// batchMax: one workgroup strides over the spreads, then a tree reduction.

struct Shape { samples: u32, classes: u32 }

const PI: f32 = 3.14159265358979;
const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> slopes: array<f32>;
@group(0) @binding(1) var<storage, read_write> spreads: array<f32>;
@group(0) @binding(2) var<storage, read_write> radii: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

@compute @workgroup_size(WG)
fn perSample(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WG;
  if (i >= shape.samples) { return; }
  let base = i * shape.classes;
  var lo = slopes[base];
  var hi = slopes[base];
  for (var k = 1u; k < shape.classes; k++) {
    let v = slopes[base + k];
    lo = min(lo, v);
    hi = max(hi, v);
  }
  let spread = hi - lo;
  spreads[i] = spread;
  radii[i] = select(-1.0, PI / spread, spread > 0.0);
}

@group(0) @binding(0) var<storage, read> spreadsIn: array<f32>;
@group(0) @binding(1) var<storage, read_write> batch: array<f32>;
@group(0) @binding(2) var<uniform> count: Shape;

var<workgroup> scratch: array<f32, WG>;

@compute @workgroup_size(WG)
fn batchMax(@builtin(local_invocation_id) lidv: vec3<u32>) {
  let lid = lidv.x;
  var m = 0.0;
  for (var i = lid; i < count.samples; i += WG) { m = max(m, spreadsIn[i]); }
  scratch[lid] = m;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) { scratch[lid] = max(scratch[lid], scratch[lid + stride]); }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u) {
    batch[0] = scratch[0];
    batch[1] = select(-1.0, PI / scratch[0], scratch[0] > 0.0);
  }
}
