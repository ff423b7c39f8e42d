// y_i = f(x_i; α, β) for the maps of src/geometry/linalg/elementwise.ts, one pipeline
// per map (OP is an override constant, so the branch is folded away):
//   OP 0 affine        α x + β
//   OP 1 exp           exp(x)
//   OP 2 log           log(x)
//   OP 3 negExpScaled  exp(−x / α)   (the Gibbs kernel of a cost at temperature α)
//   OP 4 square        x²
// One thread per entry; the flat index spans a 2-D grid of workgroups for long vectors.

struct Params { n: u32, alpha: f32, beta: f32 }

override OP: u32 = 0u;
const WG: u32 = 256u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

fn apply(v: f32) -> f32 {
  if (OP == 0u) { return params.alpha * v + params.beta; }
  if (OP == 1u) { return exp(v); }
  if (OP == 2u) { return log(v); }
  if (OP == 3u) { return exp(-v / params.alpha); }
  return v * v;
}

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let i = (wid.x + wid.y * nwg.x) * WG + lid.x;
  if (i >= params.n) { return; }
  y[i] = apply(x[i]);
}
