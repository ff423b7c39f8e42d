// The marginal error of one Sinkhorn iteration: one workgroup sums the per-row errors
// written by sinkhorn.wgsl's updatePotential into history[state.count] and increments
// the count, so many iterations can be encoded without a readback. Bounds: rows beyond
// `rows` are not read; a full history is not written past its capacity.

struct Params { rows: u32, cols: u32, epsilon: f32, inverseEpsilon: f32 }
struct State { count: u32, capacity: u32 }

override WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> err: array<f32>;
@group(0) @binding(1) var<storage, read_write> history: array<f32>;
@group(0) @binding(2) var<storage, read_write> state: State;
@group(0) @binding(3) var<uniform> params: Params;

var<workgroup> sums: array<f32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lidv: vec3<u32>) {
  let lid = lidv.x;
  var s = 0.0;
  for (var i = lid; i < params.rows; i += WG) { s += err[i]; }
  sums[lid] = s;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) { sums[lid] = sums[lid] + sums[lid + stride]; }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u) {
    let k = state.count;
    if (k < state.capacity) { history[k] = sums[0]; }
    state.count = k + 1u;
  }
}
