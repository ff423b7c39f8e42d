// Varadhan heat-geodesic distances with the Harnack regularization σ
// (Huguet et al. 2023): for the n×n heat kernel H,
//   d_ij = sqrt(max(0, −4t log(h_ij + ε) + σ·4t log((H_ii + H_jj)/2 + ε))),
//   h_ij = max(0, (H_ij + H_ji)/2), ε = 1e-16, d_ii = 0.
// One thread per entry. CPU reference: varadhanDistances (src/geometry/heat/varadhan.ts).

struct Params { n: u32, t: f32, sigma: f32, floor: f32 }

@group(0) @binding(0) var<storage, read> heat: array<f32>;
@group(0) @binding(1) var<storage, read_write> dist: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = gid.x + gid.y * nwg.x * 256u;
  let n = params.n;
  if (index >= n * n) { return; }
  let i = index / n;
  let j = index - i * n;
  if (i == j) { dist[index] = 0.0; return; }
  let hij = max(0.0, 0.5 * (heat[index] + heat[j * n + i]));
  let hii = max(0.0, heat[i * n + i]);
  let hjj = max(0.0, heat[j * n + j]);
  let sq = -4.0 * params.t * log(hij + params.floor) + params.sigma * 4.0 * params.t * log(0.5 * (hii + hjj) + params.floor);
  dist[index] = sqrt(max(0.0, sq));
}
