// A fan of geodesics on a graph surface z = f(x, y): one invocation integrates one
// geodesic by classical RK4 on ẍ = −∇f (ẋᵀ H ẋ)/(1 + |∇f|²) and writes its points
// (x, y, z) for steps 0..steps. CPU reference: geodesicFan in
// src/geometry/surfaces/graphGeometry.ts; the surfaces mirror testSurfaces.ts by id.
// A geodesic that leaves the domain (or overflows) stops; its last point is repeated
// and `lengths` holds the number of valid points.

struct Params {
  x0: f32,
  y0: f32,
  h: f32,
  angleOffset: f32,
  count: u32,
  steps: u32,
}

// The surface id (testSurfaces.ts): a pipeline constant, so each specialised pipeline
// compiles only its own branch.
override SURFACE: u32 = 0u;

@group(0) @binding(0) var<storage, read_write> points: array<f32>;
@group(0) @binding(1) var<storage, read_write> lengths: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

const TAU: f32 = 6.283185307179586;
const R2: f32 = 4.0;        // sphere cap radius² (SPHERE_CAP_RADIUS = 2)
const BUMP_S2: f32 = 0.25;  // Gaussian bump width²

fn height(p: vec2<f32>) -> f32 {
  let x = p.x;
  let y = p.y;
  switch SURFACE {
    case 0u: { return 0.5 * (x * x + y * y); }
    case 1u: { return 0.5 * (x * x - y * y); }
    case 2u: { return x * x * x - 3.0 * x * y * y; }
    case 3u: { return exp(-(x * x + y * y) / (2.0 * BUMP_S2)); }
    case 4u: { return sqrt(R2 - x * x - y * y); }
    default: { return 0.02 * ((1.0 - x) * (1.0 - x) + 10.0 * (y - x * x) * (y - x * x)); }
  }
}

fn gradient(p: vec2<f32>) -> vec2<f32> {
  let x = p.x;
  let y = p.y;
  switch SURFACE {
    case 0u: { return vec2<f32>(x, y); }
    case 1u: { return vec2<f32>(x, -y); }
    case 2u: { return vec2<f32>(3.0 * x * x - 3.0 * y * y, -6.0 * x * y); }
    case 3u: {
      let g = exp(-(x * x + y * y) / (2.0 * BUMP_S2));
      return vec2<f32>(-x / BUMP_S2 * g, -y / BUMP_S2 * g);
    }
    case 4u: {
      let z = sqrt(R2 - x * x - y * y);
      return vec2<f32>(-x / z, -y / z);
    }
    default: { return vec2<f32>(0.02 * (-2.0 * (1.0 - x) - 40.0 * x * (y - x * x)), 0.4 * (y - x * x)); }
  }
}

// (f_xx, f_xy, f_yy)
fn hessian(p: vec2<f32>) -> vec3<f32> {
  let x = p.x;
  let y = p.y;
  switch SURFACE {
    case 0u: { return vec3<f32>(1.0, 0.0, 1.0); }
    case 1u: { return vec3<f32>(1.0, 0.0, -1.0); }
    case 2u: { return vec3<f32>(6.0 * x, -6.0 * y, -6.0 * x); }
    case 3u: {
      let g = exp(-(x * x + y * y) / (2.0 * BUMP_S2));
      let s4 = BUMP_S2 * BUMP_S2;
      return vec3<f32>((x * x / s4 - 1.0 / BUMP_S2) * g, x * y / s4 * g, (y * y / s4 - 1.0 / BUMP_S2) * g);
    }
    case 4u: {
      let z = sqrt(R2 - x * x - y * y);
      let z3 = z * z * z;
      return vec3<f32>(-(R2 - y * y) / z3, -(x * y) / z3, -(R2 - x * x) / z3);
    }
    default: { return vec3<f32>(0.02 * (2.0 - 40.0 * y + 120.0 * x * x), -0.8 * x, 0.4); }
  }
}

// [xMin, xMax, yMin, yMax] per surface id, as in testSurfaces.ts.
fn domain() -> vec4<f32> {
  switch SURFACE {
    case 0u, 1u, 3u: { return vec4<f32>(-2.0, 2.0, -2.0, 2.0); }
    case 2u: { return vec4<f32>(-1.0, 1.0, -1.0, 1.0); }
    case 4u: { return vec4<f32>(-1.2, 1.2, -1.2, 1.2); }
    default: { return vec4<f32>(-1.5, 1.5, -1.0, 2.0); }
  }
}

fn inside(p: vec2<f32>) -> bool {
  let d = domain();
  return p.x >= d.x && p.x <= d.y && p.y >= d.z && p.y <= d.w;
}

// d/dt (position, velocity)
fn acceleration(p: vec2<f32>, v: vec2<f32>) -> vec2<f32> {
  let g = gradient(p);
  let h = hessian(p);
  let quadratic = h.x * v.x * v.x + 2.0 * h.y * v.x * v.y + h.z * v.y * v.y;
  return -g * (quadratic / (1.0 + dot(g, g)));
}

fn store(base: u32, k: u32, p: vec2<f32>) {
  let o = base + k * 3u;
  points[o] = p.x;
  points[o + 1u] = p.y;
  points[o + 2u] = height(p);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let j = gid.x + gid.y * nwg.x * 64u;
  if (j >= params.count) { return; }
  let angle = TAU * f32(j) / f32(params.count) + params.angleOffset;
  var p = vec2<f32>(params.x0, params.y0);
  let u = vec2<f32>(cos(angle), sin(angle));
  let g0 = gradient(p);
  let du = dot(g0, u);
  var v = u / sqrt(dot(u, u) + du * du);
  let h = params.h;
  let base = j * (params.steps + 1u) * 3u;
  store(base, 0u, p);
  var valid = 1u;
  var stopped = false;
  for (var k = 1u; k <= params.steps; k++) {
    if (!stopped) {
      let a1 = acceleration(p, v);
      let p2 = p + 0.5 * h * v;
      let v2 = v + 0.5 * h * a1;
      let a2 = acceleration(p2, v2);
      let p3 = p + 0.5 * h * v2;
      let v3 = v + 0.5 * h * a2;
      let a3 = acceleration(p3, v3);
      let p4 = p + h * v3;
      let v4 = v + h * a3;
      let a4 = acceleration(p4, v4);
      let pn = p + (h / 6.0) * (v + 2.0 * v2 + 2.0 * v3 + v4);
      let vn = v + (h / 6.0) * (a1 + 2.0 * a2 + 2.0 * a3 + a4);
      // x == x is false for NaN; the magnitude bound catches overflow without relying on infinities.
      let finite = all(pn == pn) && all(vn == vn) && max(abs(vn.x), abs(vn.y)) < 1e30;
      if (inside(pn) && finite) {
        p = pn;
        v = vn;
        valid += 1u;
      } else {
        stopped = true;
      }
    }
    store(base, k, p);
  }
  lengths[j] = valid;
}
