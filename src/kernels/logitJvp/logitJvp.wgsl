// One dense layer of an MLP in forward mode (a Jacobian-vector product), batched over
// samples: for parameters θ and a tangent v (same layout),
//   pre   = W h + b,            h'  = σ(pre)
//   ṗre   = Ẇ h + W ḣ + ḃ,      ḣ'  = σ'(pre) ṗre
// where Ẇ, ḃ are the tangent's entries for this layer. Chaining the layers from ḣ₀ = 0
// gives the logits z and the slopes a_k = ∇z_k·v of every sample (Sao 2026: one JVP).
// W is row-major outputs×inputs at params[weightOffset], b at params[biasOffset].
// ACTIVATION: 0 identity (the output layer), 1 tanh, 2 relu, 3 softplus, 4 gelu (erf form,
// erf by Abramowitz–Stegun 7.1.26, |error| < 1.5e−7: below f32 tolerance).
// One thread per (sample, output unit).

struct Layer {
  samples: u32,
  inputs: u32,
  outputs: u32,
  weightOffset: u32,
  biasOffset: u32,
}

override ACTIVATION: u32 = 0u;
const WG: u32 = 64u;

@group(0) @binding(0) var<storage, read> params: array<f32>;
@group(0) @binding(1) var<storage, read> tangent: array<f32>;
@group(0) @binding(2) var<storage, read> hIn: array<f32>;
@group(0) @binding(3) var<storage, read> dhIn: array<f32>;
@group(0) @binding(4) var<storage, read_write> hOut: array<f32>;
@group(0) @binding(5) var<storage, read_write> dhOut: array<f32>;
@group(0) @binding(6) var<uniform> layer: Layer;

fn erfApprox(x: f32) -> f32 {
  let t = 1.0 / (1.0 + 0.3275911 * abs(x));
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-x * x);
  return select(-y, y, x >= 0.0);
}

// Returns (σ(x), σ'(x)).
fn activate(x: f32) -> vec2<f32> {
  switch ACTIVATION {
    case 1u: {
      let t = tanh(x);
      return vec2<f32>(t, 1.0 - t * t);
    }
    case 2u: {
      return select(vec2<f32>(0.0, 0.0), vec2<f32>(x, 1.0), x > 0.0);
    }
    case 3u: {
      let s = select(exp(x) / (1.0 + exp(x)), 1.0 / (1.0 + exp(-x)), x >= 0.0);
      return vec2<f32>(max(x, 0.0) + log(1.0 + exp(-abs(x))), s);
    }
    case 4u: {
      let cdf = 0.5 * (1.0 + erfApprox(x * 0.70710678));
      let pdf = 0.39894228 * exp(-0.5 * x * x);
      return vec2<f32>(x * cdf, cdf + x * pdf);
    }
    default: {
      return vec2<f32>(x, 1.0);
    }
  }
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = gid.x + gid.y * nwg.x * WG;
  if (index >= layer.samples * layer.outputs) { return; }
  let i = index / layer.outputs;
  let j = index % layer.outputs;
  let w = layer.weightOffset + j * layer.inputs;
  let h = i * layer.inputs;
  var pre = params[layer.biasOffset + j];
  var dpre = tangent[layer.biasOffset + j];
  for (var l = 0u; l < layer.inputs; l++) {
    let x = hIn[h + l];
    pre += params[w + l] * x;
    dpre += tangent[w + l] * x + params[w + l] * dhIn[h + l];
  }
  let s = activate(pre);
  hOut[index] = s.x;
  dhOut[index] = s.y * dpre;
}
