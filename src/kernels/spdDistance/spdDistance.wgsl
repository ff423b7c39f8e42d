// Batched distances between 3×3 SPD matrices, one pair per invocation, f32.
// METRIC: 0 = affine-invariant ‖log(A^{-1/2} B A^{-1/2})‖_F, 1 = log-Euclidean ‖log A − log B‖_F,
// 2 = Bures–Wasserstein sqrt(tr A + tr B − 2 tr (A^{1/2} B A^{1/2})^{1/2}).
// Eigendecompositions by cyclic Jacobi (a fixed number of sweeps: 3×3 converges in ≤ 6),
// whitening in A's eigenbasis as in src/geometry/spd/affineInvariant.ts.
// CPU reference: affineInvariant / logEuclidean / buresWasserstein.distance in src/geometry/spd.

override METRIC: u32 = 0u;

struct Shape { count: u32 }

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

struct Eigen { values: vec3<f32>, vectors: mat3x3<f32> }

fn element(m: mat3x3<f32>, i: u32, j: u32) -> f32 { return m[j][i]; }

// Cyclic Jacobi on a symmetric 3×3 matrix; columns of `vectors` are eigenvectors.
fn jacobi(input: mat3x3<f32>) -> Eigen {
  var m = input;
  var v = mat3x3<f32>(vec3<f32>(1.0, 0.0, 0.0), vec3<f32>(0.0, 1.0, 0.0), vec3<f32>(0.0, 0.0, 1.0));
  for (var sweep = 0u; sweep < 8u; sweep++) {
    for (var pair = 0u; pair < 3u; pair++) {
      let p = select(select(1u, 0u, pair == 1u), 0u, pair == 0u);
      let q = select(select(2u, 2u, pair == 1u), 1u, pair == 0u);
      let apq = m[q][p];
      let app = m[p][p];
      let aqq = m[q][q];
      if (abs(apq) <= 1e-7 * sqrt(abs(app * aqq)) || abs(apq) < 1e-30) { continue; }
      let theta = (aqq - app) / (2.0 * apq);
      let t = sign(theta + select(0.0, 1.0, theta == 0.0)) / (abs(theta) + sqrt(theta * theta + 1.0));
      let c = 1.0 / sqrt(t * t + 1.0);
      let s = t * c;
      // m ← Jᵀ m J with the Givens rotation J in the (p, q) plane.
      var j = mat3x3<f32>(vec3<f32>(1.0, 0.0, 0.0), vec3<f32>(0.0, 1.0, 0.0), vec3<f32>(0.0, 0.0, 1.0));
      j[p][p] = c;
      j[q][q] = c;
      j[q][p] = s;
      j[p][q] = -s;
      m = transpose(j) * m * j;
      m[q][p] = 0.0;
      m[p][q] = 0.0;
      v = v * j;
    }
  }
  return Eigen(vec3<f32>(m[0][0], m[1][1], m[2][2]), v);
}

fn load(buffer: u32, i: u32) -> mat3x3<f32> {
  let o = i * 9u;
  var out: mat3x3<f32>;
  for (var r = 0u; r < 3u; r++) {
    for (var c = 0u; c < 3u; c++) {
      if (buffer == 0u) { out[c][r] = a[o + r * 3u + c]; } else { out[c][r] = b[o + r * 3u + c]; }
    }
  }
  return out;
}

fn fromEigen(e: Eigen, d: vec3<f32>) -> mat3x3<f32> {
  let v = e.vectors;
  return v * mat3x3<f32>(vec3<f32>(d.x, 0.0, 0.0), vec3<f32>(0.0, d.y, 0.0), vec3<f32>(0.0, 0.0, d.z)) * transpose(v);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= shape.count) { return; }
  let ma = load(0u, i);
  let mb = load(1u, i);
  let ea = jacobi(ma);
  let la = max(ea.values, vec3<f32>(1e-30));
  if (METRIC == 1u) {
    let eb = jacobi(mb);
    let diff = fromEigen(ea, log(la)) - fromEigen(eb, log(max(eb.values, vec3<f32>(1e-30))));
    result[i] = sqrt(dot(diff[0], diff[0]) + dot(diff[1], diff[1]) + dot(diff[2], diff[2]));
    return;
  }
  if (METRIC == 0u) {
    // Λ^{-1/2} Vᵀ B V Λ^{-1/2}
    let inv = 1.0 / sqrt(la);
    let d = mat3x3<f32>(vec3<f32>(inv.x, 0.0, 0.0), vec3<f32>(0.0, inv.y, 0.0), vec3<f32>(0.0, 0.0, inv.z));
    let w = d * transpose(ea.vectors) * mb * ea.vectors * d;
    let mu = max(jacobi(w).values, vec3<f32>(1e-30));
    let l = log(mu);
    result[i] = sqrt(dot(l, l));
    return;
  }
  let root = sqrt(la);
  let d = mat3x3<f32>(vec3<f32>(root.x, 0.0, 0.0), vec3<f32>(0.0, root.y, 0.0), vec3<f32>(0.0, 0.0, root.z));
  let w = d * transpose(ea.vectors) * mb * ea.vectors * d;
  let mu = max(jacobi(w).values, vec3<f32>(0.0));
  let traces = (ma[0][0] + ma[1][1] + ma[2][2]) + (mb[0][0] + mb[1][1] + mb[2][2]);
  result[i] = sqrt(max(traces - 2.0 * (sqrt(mu.x) + sqrt(mu.y) + sqrt(mu.z)), 0.0));
}
