// D[i, j] = ‖x_i − y_j‖² = Σ_c (x_ic − y_jc)² for row-major X (n×d), Y (m×d), D (n×m).
// A sum of squared differences rather than ‖x‖² + ‖y‖² − 2 x·y: no cancellation, an
// exact zero diagonal and exact symmetry when X = Y.
// Tiled like matmul: a 16×16 workgroup computes a 16×16 block of D, staging 16 points
// of X and 16 points of Y, 16 coordinates at a time, in workgroup memory. Coordinates
// past d load as 0 in both tiles, so they add (0 − 0)² = 0.

struct Shape { n: u32, m: u32, d: u32 }

const T: u32 = 16u;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> dist: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

var<workgroup> tileX: array<array<f32, T>, T>;
var<workgroup> tileY: array<array<f32, T>, T>;

@compute @workgroup_size(T, T)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let i = wid.y * T + lid.y;
  let j = wid.x * T + lid.x;
  // Thread (ly, lx) loads coordinate lx of point ly of both blocks.
  let xi = wid.y * T + lid.y;
  let yj = wid.x * T + lid.y;
  let steps = (shape.d + T - 1u) / T;
  var acc = 0.0;
  for (var s = 0u; s < steps; s++) {
    let c = s * T + lid.x;
    var vx = 0.0;
    if (xi < shape.n && c < shape.d) { vx = x[xi * shape.d + c]; }
    var vy = 0.0;
    if (yj < shape.m && c < shape.d) { vy = y[yj * shape.d + c]; }
    tileX[lid.y][lid.x] = vx;
    tileY[lid.y][lid.x] = vy;
    workgroupBarrier();
    for (var p = 0u; p < T; p++) {
      let t = tileX[lid.y][p] - tileY[lid.x][p];
      acc += t * t;
    }
    workgroupBarrier();
  }
  if (i >= shape.n || j >= shape.m) { return; }
  dist[i * shape.m + j] = acc;
}
