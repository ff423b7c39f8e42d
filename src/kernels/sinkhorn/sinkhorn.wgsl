// Log-domain Sinkhorn in f32 (CPU reference: src/geometry/ot/sinkhornLog.ts).
// Convention: P_ij = exp((f_i + g_j − C_ij)/ε). The scaling form cannot run in f32:
// exp(−ΔC/ε) underflows once ΔC/ε > 87, so every update is a log-sum-exp.
//
// updatePotential: one workgroup per row r of a row-major rows×cols matrix `cost`
// (C for the f-update, Cᵀ for the g-update). With x_j = (other_j − cost[r, j])/ε,
//   lse_r = LSE_j x_j   (one pass: each thread keeps a running max and a rescaled sum,
//                        then the workgroup merges the (max, sum) pairs),
//   err_r = |exp(potential_r/ε + lse_r) − mass_r|   (row marginal of the plan before
//           the update, i.e. the marginal error of the current plan, at no extra cost),
//   potential_r ← ε (log mass_r − lse_r)   (in place: each row is read and written by
//                                          its own workgroup only).
// The marginal error is summed by sinkhornError.wgsl.

struct Params { rows: u32, cols: u32, epsilon: f32, inverseEpsilon: f32 }

// Threads per workgroup: a power of two, chosen by the host (no more than the row length needs).
override WG: u32 = 256u;
// The most negative finite f32: WGSL may assume no infinities, so −∞ is not used.
const NEG_BIG: f32 = -3.402823e38;

@group(0) @binding(0) var<storage, read> cost: array<f32>;
@group(0) @binding(1) var<storage, read> other: array<f32>;
@group(0) @binding(2) var<storage, read> logMass: array<f32>;
@group(0) @binding(3) var<storage, read> mass: array<f32>;
@group(0) @binding(4) var<storage, read_write> potential: array<f32>;
@group(0) @binding(5) var<storage, read_write> err: array<f32>;
@group(0) @binding(6) var<uniform> params: Params;

var<workgroup> maxima: array<f32, WG>;
var<workgroup> sums: array<f32, WG>;

@compute @workgroup_size(WG)
fn updatePotential(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = wid.x + wid.y * nwg.x;
  // The whole workgroup leaves together, so the barriers below stay uniform.
  if (row >= params.rows) { return; }
  let lid = lidv.x;
  let base = row * params.cols;
  var m = NEG_BIG;
  var s = 0.0;
  for (var j = lid; j < params.cols; j += WG) {
    let v = (other[j] - cost[base + j]) * params.inverseEpsilon;
    if (v > m) {
      s = s * exp(m - v) + 1.0;
      m = v;
    } else {
      s += exp(v - m);
    }
  }
  maxima[lid] = m;
  sums[lid] = s;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) {
      let m1 = maxima[lid];
      let m2 = maxima[lid + stride];
      let mm = max(m1, m2);
      sums[lid] = sums[lid] * exp(m1 - mm) + sums[lid + stride] * exp(m2 - mm);
      maxima[lid] = mm;
    }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u) {
    let lse = maxima[0] + log(sums[0]);
    let current = potential[row];
    // clamp the exponent: before the first updates the potentials are far from
    // consistent and the (meaningless) marginal would overflow f32
    let marginal = exp(min(current * params.inverseEpsilon + lse, 80.0));
    err[row] = abs(marginal - mass[row]);
    potential[row] = params.epsilon * (logMass[row] - lse);
  }
}
