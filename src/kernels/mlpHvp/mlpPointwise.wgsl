// Pointwise and per-sample steps of the MLP forward, R-forward, backward and R-backward passes
// (Pearlmutter's R-operator), in f32. One entry point per step; all share the binding set
// s0…s6 (storage) and prm (uniform), each entry point using only what it needs.
// CPU reference: src/geometry/nn/mlp.ts (the chunk functions of the same names).

struct Params {
  count: u32,      // elements (or rows for the per-sample steps)
  width: u32,      // row width (classes for softmax, outputs for the bias gradient)
  op: u32,         // activation: 0 tanh, 1 relu, 2 gelu, 3 softplus
  offset: u32,     // offset into the output vector (bias gradient)
  scale: f32,      // 1/N for the loss mean; weight decay for addScaled
  pad0: u32, pad1: u32, pad2: u32,
}

@group(0) @binding(0) var<storage, read_write> s0: array<f32>;
@group(0) @binding(1) var<storage, read_write> s1: array<f32>;
@group(0) @binding(2) var<storage, read_write> s2: array<f32>;
@group(0) @binding(3) var<storage, read_write> s3: array<f32>;
@group(0) @binding(4) var<storage, read_write> s4: array<f32>;
@group(0) @binding(5) var<storage, read_write> s5: array<f32>;
@group(0) @binding(6) var<storage, read_write> s6: array<f32>;
@group(0) @binding(7) var<uniform> prm: Params;

const INV_SQRT_2: f32 = 0.70710678118654752;
const INV_SQRT_2PI: f32 = 0.39894228040143268;

// erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, below f32 resolution of the GELU values).
fn erf32(x: f32) -> f32 {
  let ax = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * ax);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  let y = 1.0 - poly * exp(-ax * ax);
  return select(y, -y, x < 0.0);
}

fn flat(gid: vec3<u32>, nwg: vec3<u32>) -> u32 { return gid.x + gid.y * nwg.x * 64u; }

// s0 = z → s1 = σ(z), s2 = σ'(z), s3 = σ''(z)
@compute @workgroup_size(64)
fn activate(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  let x = s0[i];
  switch prm.op {
    case 0u: {
      let t = tanh(clamp(x, -15.0, 15.0));
      let s = 1.0 - t * t;
      s1[i] = t; s2[i] = s; s3[i] = -2.0 * t * s;
    }
    case 1u: {
      let on = x > 0.0;
      s1[i] = select(0.0, x, on); s2[i] = select(0.0, 1.0, on); s3[i] = 0.0;
    }
    case 2u: {
      let cdf = 0.5 * (1.0 + erf32(x * INV_SQRT_2));
      let pdf = INV_SQRT_2PI * exp(-0.5 * x * x);
      s1[i] = x * cdf; s2[i] = cdf + x * pdf; s3[i] = pdf * (2.0 - x * x);
    }
    default: {
      let e = exp(-abs(x));
      let sig = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
      s1[i] = max(x, 0.0) + log(1.0 + e); s2[i] = sig; s3[i] = sig * (1.0 - sig);
    }
  }
}

// R{a} = σ'(z) ⊙ R{z}: s0 = σ', s1 = R{z} → s2
@compute @workgroup_size(64)
fn rActivate(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  s2[i] = s0[i] * s1[i];
}

// Per sample: s0 = logits (count × width), s1 = labels → s2 = softmax p, s3 = δ = scale·(p − e_y)
@compute @workgroup_size(64)
fn softmaxForward(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  let k = prm.width;
  let o = i * k;
  var m = s0[o];
  for (var c = 1u; c < k; c++) { m = max(m, s0[o + c]); }
  var sum = 0.0;
  for (var c = 0u; c < k; c++) { let e = exp(s0[o + c] - m); s2[o + c] = e; sum += e; }
  let label = u32(s1[i]);
  for (var c = 0u; c < k; c++) {
    let p = s2[o + c] / sum;
    s2[o + c] = p;
    s3[o + c] = prm.scale * (p - select(0.0, 1.0, c == label));
  }
}

// Per sample: R{δ_L} = scale·(diag p − ppᵀ) R{z}: s0 = p, s1 = R{z} → s2
@compute @workgroup_size(64)
fn softmaxCurvature(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  let k = prm.width;
  let o = i * k;
  var mean = 0.0;
  for (var c = 0u; c < k; c++) { mean += s0[o + c] * s1[o + c]; }
  for (var c = 0u; c < k; c++) { s2[o + c] = prm.scale * s0[o + c] * (s1[o + c] - mean); }
}

// δ_{l−1} = back ⊙ σ', R{δ_{l−1}} = rback ⊙ σ' + back ⊙ σ'' ⊙ R{z}:
// s0 = back, s1 = rback, s2 = σ', s3 = σ'', s4 = R{z} → s5 = δ, s6 = R{δ}
@compute @workgroup_size(64)
fn backCombine(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  let back = s0[i];
  s5[i] = back * s2[i];
  s6[i] = s1[i] * s2[i] + back * s3[i] * s4[i];
}

// Bias part of R{∇L}: s1[offset + o] += Σ_i s0[i·width + o] (one thread per output o)
@compute @workgroup_size(64)
fn biasGrad(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = flat(gid, nwg);
  if (o >= prm.width) { return; }
  var sum = 0.0;
  for (var i = 0u; i < prm.count; i++) { sum += s0[i * prm.width + o]; }
  s1[prm.offset + o] += sum;
}

// s0 += scale · s1 (the weight-decay term of H v)
@compute @workgroup_size(64)
fn addScaled(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat(gid, nwg);
  if (i >= prm.count) { return; }
  s0[i] += prm.scale * s1[i];
}
