// One SMACOF Guttman transform X⁺ = (1/n) B(X) X (de Leeuw 1977), for dims ≤ 4:
//   B_ij = −δ_ij / ‖x_i − x_j‖ (i ≠ j; 0 when the points coincide), B_ii = −Σ_{j≠i} B_ij,
// and the row's raw stress Σ_j (‖x_i − x_j‖ − δ_ij)² of the INPUT X (for progress).
// One workgroup per row i: threads stride over j, then a tree reduction.
// CPU reference: guttmanTransform / stress (src/geometry/heat/mds.ts).

struct Params { n: u32, dims: u32 }

const WG: u32 = 128u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> delta: array<f32>;
@group(0) @binding(2) var<storage, read_write> next: array<f32>;
@group(0) @binding(3) var<storage, read_write> rowStress: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;

var<workgroup> partialX: array<vec4<f32>, WG>;
var<workgroup> partialDiag: array<vec2<f32>, WG>;

fn point(i: u32) -> vec4<f32> {
  var p = vec4<f32>(0.0);
  for (var c = 0u; c < params.dims; c += 1u) { p[c] = x[i * params.dims + c]; }
  return p;
}

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = wid.x + wid.y * nwg.x;
  if (row >= params.n) { return; }
  let lid = lidv.x;
  let n = params.n;
  let xi = point(row);
  var acc = vec4<f32>(0.0);
  var diag = 0.0;
  var stress = 0.0;
  for (var j = lid; j < n; j += WG) {
    if (j == row) { continue; }
    let xj = point(j);
    let d = length(xi - xj);
    let wanted = delta[row * n + j];
    var b = 0.0;
    if (d > 0.0) { b = -wanted / d; }
    acc += b * xj;
    diag -= b;
    stress += (d - wanted) * (d - wanted);
  }
  partialX[lid] = acc;
  partialDiag[lid] = vec2<f32>(diag, stress);
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) {
      partialX[lid] += partialX[lid + stride];
      partialDiag[lid] += partialDiag[lid + stride];
    }
    workgroupBarrier();
    stride = stride / 2u;
  }
  if (lid == 0u) {
    let total = partialX[0] + partialDiag[0].x * xi;
    for (var c = 0u; c < params.dims; c += 1u) { next[row * params.dims + c] = total[c] / f32(n); }
    // each pair is counted from both ends; halve so Σ_rows = Σ_{i<j}
    rowStress[row] = 0.5 * partialDiag[0].y;
  }
}
