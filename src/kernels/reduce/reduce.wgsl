// Row and column reductions of a row-major rows×cols f32 matrix.
// OP: 0 = sum, 1 = max, 2 = log-sum-exp (stable: m + log Σ exp(x − m)).
// reduceRows: one workgroup per row, threads stride over the columns, then a
//   tree reduction in workgroup memory (for LSE, a max pass then a sum pass).
// reduceRowsPerThread: one thread per row walking the whole row, no barriers (the
//   row strategy for software adapters, see src/kernels/rowStrategy.ts).
// reduceCols: one thread per column walking down the rows (adjacent threads read
//   adjacent addresses); LSE keeps a running max and rescales the running sum.

struct Shape { rows: u32, cols: u32 }

override OP: u32 = 0u;
const WG: u32 = 64u;
// The most negative finite f32: WGSL may assume no infinities, so −∞ is not used.
const NEG_BIG: f32 = -3.402823e38;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<f32>;
@group(0) @binding(2) var<uniform> shape: Shape;

var<workgroup> scratch: array<f32, WG>;

fn combine(x: f32, y: f32) -> f32 {
  if (OP == 0u) { return x + y; }
  return max(x, y);
}

fn treeReduce(lid: u32, value: f32, useMax: bool) -> f32 {
  scratch[lid] = value;
  workgroupBarrier();
  var stride = WG / 2u;
  loop {
    if (stride == 0u) { break; }
    if (lid < stride) {
      if (useMax) {
        scratch[lid] = max(scratch[lid], scratch[lid + stride]);
      } else {
        scratch[lid] = scratch[lid] + scratch[lid + stride];
      }
    }
    workgroupBarrier();
    stride = stride / 2u;
  }
  let total = scratch[0];
  workgroupBarrier();
  return total;
}

@compute @workgroup_size(WG)
fn reduceRows(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = wid.x + wid.y * nwg.x;
  // The whole workgroup leaves together, so the barriers below stay uniform.
  if (row >= shape.rows) { return; }
  let lid = lidv.x;
  let base = row * shape.cols;
  if (OP == 0u) {
    var s = 0.0;
    for (var j = lid; j < shape.cols; j += WG) { s += a[base + j]; }
    let total = treeReduce(lid, s, false);
    if (lid == 0u) { result[row] = total; }
    return;
  }
  var m = NEG_BIG;
  for (var j = lid; j < shape.cols; j += WG) { m = max(m, a[base + j]); }
  let rowMax = treeReduce(lid, m, true);
  if (OP == 1u) {
    if (lid == 0u) { result[row] = rowMax; }
    return;
  }
  var s = 0.0;
  for (var j = lid; j < shape.cols; j += WG) { s += exp(a[base + j] - rowMax); }
  let total = treeReduce(lid, s, false);
  if (lid == 0u) { result[row] = rowMax + log(total); }
}

@compute @workgroup_size(WG)
fn reduceRowsPerThread(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let row = (wid.x + wid.y * nwg.x) * WG + lidv.x;
  if (row >= shape.rows) { return; }
  let base = row * shape.cols;
  if (OP == 0u) {
    var s = 0.0;
    for (var j = 0u; j < shape.cols; j++) { s += a[base + j]; }
    result[row] = s;
    return;
  }
  var m = NEG_BIG;
  for (var j = 0u; j < shape.cols; j++) { m = max(m, a[base + j]); }
  if (OP == 1u) {
    result[row] = m;
    return;
  }
  var s = 0.0;
  for (var j = 0u; j < shape.cols; j++) { s += exp(a[base + j] - m); }
  result[row] = m + log(s);
}

@compute @workgroup_size(WG)
fn reduceCols(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lidv: vec3<u32>,
) {
  let col = (wid.x + wid.y * nwg.x) * WG + lidv.x;
  if (col >= shape.cols) { return; }
  if (OP == 2u) {
    var m = NEG_BIG;
    var s = 0.0;
    for (var i = 0u; i < shape.rows; i++) {
      let v = a[i * shape.cols + col];
      if (v > m) {
        s = s * exp(m - v) + 1.0;
        m = v;
      } else {
        s += exp(v - m);
      }
    }
    result[col] = m + log(s);
    return;
  }
  var acc = select(0.0, NEG_BIG, OP == 1u);
  for (var i = 0u; i < shape.rows; i++) { acc = combine(acc, a[i * shape.cols + col]); }
  result[col] = acc;
}
