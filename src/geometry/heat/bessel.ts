/**
 * Exponentially scaled modified Bessel functions of the first kind of integer
 * order, e^{−x} I_k(x) for k = 0..K and x ≥ 0 (scipy's `ive`).
 *
 * Miller's backward recurrence I_{k−1}(x) = (2k/x) I_k(x) + I_{k+1}(x), started far
 * above K where I_k/I_{k−1} is negligible, normalised by the generating-function
 * identity e^{x} = I_0(x) + 2 Σ_{k≥1} I_k(x), i.e. Σ e^{−x} I_k … = 1 (Abramowitz &
 * Stegun 9.6.36 and 9.12). Backward recurrence is the stable direction for I_k
 * (Numerical Recipes §6.6). Values are rescaled on the way down so nothing overflows.
 */
export function besselIScaled(x: number, maxOrder: number): Float64Array {
  if (!Number.isFinite(x) || x < 0) throw new Error(`invalid Bessel argument: ${x} (need a finite x ≥ 0)`);
  if (!Number.isInteger(maxOrder) || maxOrder < 0) throw new Error(`invalid Bessel order: ${maxOrder} (need an integer ≥ 0)`);
  const out = new Float64Array(maxOrder + 1);
  if (x === 0) {
    out[0] = 1;
    return out;
  }
  if (x <= 1) return seriesScaled(x, maxOrder, out);
  // Start order: beyond both K and x by a margin that makes the start's error < 1e-17
  // (the ratio I_{k+1}/I_k ≈ x/(2k) once k ≫ x).
  const start = 2 * (Math.max(maxOrder, Math.ceil(x)) + 16 + Math.ceil(Math.sqrt(40 * Math.max(maxOrder, x, 1))));
  let next = 0; // I_{k+1}
  let current = 1e-300; // I_k, arbitrary seed
  let sum = 0; // 2 Σ_{k≥1} I_k (in the running scale)
  for (let k = start; k >= 1; k--) {
    const previous = ((2 * k) / x) * current + next; // I_{k−1}
    next = current;
    current = previous;
    // `next` now holds I_k
    if (k <= maxOrder) out[k] = next;
    sum += 2 * next;
    if (current > 1e250) {
      // rescale everything computed so far
      const s = 1e-250;
      current *= s;
      next *= s;
      sum *= s;
      for (let j = k; j <= maxOrder; j++) out[j] *= s;
    }
  }
  out[0] = current;
  const total = sum + current; // = e^{x} in the running scale
  for (let k = 0; k <= maxOrder; k++) out[k] /= total;
  return out;
}

/**
 * Power series I_k(x) = Σ_m (x/2)^{2m+k} / (m! (m+k)!) (A&S 9.6.10) for small x, where
 * the recurrence's 2k/x factors would overflow. All terms are positive: no cancellation.
 */
function seriesScaled(x: number, maxOrder: number, out: Float64Array): Float64Array {
  const half = x / 2;
  const quarter = half * half;
  const scale = Math.exp(-x);
  let lead = 1; // (x/2)^k / k!
  for (let k = 0; k <= maxOrder; k++) {
    if (k > 0) lead *= half / k;
    if (lead === 0) break;
    let term = lead;
    let total = term;
    for (let m = 1; m < 100; m++) {
      term *= quarter / (m * (m + k));
      total += term;
      if (term < total * 1e-17) break;
    }
    out[k] = total * scale;
  }
  return out;
}
