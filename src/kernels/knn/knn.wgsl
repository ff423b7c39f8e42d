// Brute-force k nearest neighbours of every point of X (n×d, row-major) among the
// others: one thread per query point scans all n points and keeps the k best in a
// sorted list in private memory (insertion sort), the same algorithm as
// knnBruteForce in src/geometry/linalg/distances.ts. Candidates arrive in index
// order and a candidate only displaces strictly farther entries, so ties go to the
// smaller index, as in the CPU reference. O(n² d) work, k ≤ KMAX.

struct Shape { n: u32, d: u32, k: u32 }

const KMAX: u32 = 32u;
const WG: u32 = 64u;
// The largest finite f32 stands in for +∞ (WGSL may assume no infinities).
const BIG: f32 = 3.402823e38;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> indices: array<i32>;
@group(0) @binding(2) var<storage, read_write> distances: array<f32>;
@group(0) @binding(3) var<uniform> shape: Shape;

@compute @workgroup_size(WG)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let i = (wid.x + wid.y * nwg.x) * WG + lid.x;
  if (i >= shape.n) { return; }
  let k = min(shape.k, KMAX);
  var bestD: array<f32, KMAX>;
  var bestI: array<i32, KMAX>;
  for (var p = 0u; p < KMAX; p++) {
    bestD[p] = BIG;
    bestI[p] = -1;
  }
  let qi = i * shape.d;
  for (var j = 0u; j < shape.n; j++) {
    if (j == i) { continue; }
    let qj = j * shape.d;
    var s = 0.0;
    for (var c = 0u; c < shape.d; c++) {
      let t = x[qi + c] - x[qj + c];
      s += t * t;
    }
    if (s < bestD[k - 1u]) {
      var p = k - 1u;
      loop {
        if (p == 0u) { break; }
        if (bestD[p - 1u] <= s) { break; }
        bestD[p] = bestD[p - 1u];
        bestI[p] = bestI[p - 1u];
        p--;
      }
      bestD[p] = s;
      bestI[p] = i32(j);
    }
  }
  let o = i * k;
  for (var p = 0u; p < k; p++) {
    indices[o + p] = bestI[p];
    distances[o + p] = bestD[p];
  }
}
