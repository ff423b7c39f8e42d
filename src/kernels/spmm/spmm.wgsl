// Sparse (CSR) × dense product with an axpby epilogue, the step of the Chebyshev
// recurrence for the heat kernel:
//   out[i, c] = alpha · Σ_p A[i, col[p]] X[col[p], c] + beta · X[i, c] + gamma · Z[i, c]
//   acc[i, c] += delta · out[i, c]
// out overwrites Z in place (each thread reads Z[i, c] before writing it), so the
// recurrence T_{k+1} = (2/φ) L T_k − 2 T_k − T_{k−1} writes T_{k+1} over T_{k−1}.
// One thread per (i, c), c fastest: neighbouring threads read neighbouring X entries.

struct Params { rows: u32, cols: u32, alpha: f32, beta: f32, gamma: f32, delta: f32 }

@group(0) @binding(0) var<storage, read> rowPtr: array<u32>;
@group(0) @binding(1) var<storage, read> colIndex: array<u32>;
@group(0) @binding(2) var<storage, read> values: array<f32>;
@group(0) @binding(3) var<storage, read> x: array<f32>;
@group(0) @binding(4) var<storage, read_write> z: array<f32>;
@group(0) @binding(5) var<storage, read_write> acc: array<f32>;
@group(0) @binding(6) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = gid.x + gid.y * nwg.x * 256u;
  if (index >= params.rows * params.cols) { return; }
  let i = index / params.cols;
  let c = index - i * params.cols;
  var s = 0.0;
  for (var p = rowPtr[i]; p < rowPtr[i + 1u]; p += 1u) {
    s += values[p] * x[colIndex[p] * params.cols + c];
  }
  let out = params.alpha * s + params.beta * x[index] + params.gamma * z[index];
  z[index] = out;
  if (params.delta != 0.0) { acc[index] += params.delta * out; }
}
