/** The exact spectrum broadened with the same Gaussian σ on the same grid as the SLQ estimate, so the two curves compare directly. */
export function broadenedDensity(eigenvalues: ArrayLike<number>, grid: ArrayLike<number>, sigma: number): Float64Array {
  const out = new Float64Array(grid.length);
  const norm = 1 / (eigenvalues.length * sigma * Math.sqrt(2 * Math.PI));
  for (let i = 0; i < eigenvalues.length; i++) {
    const c = eigenvalues[i];
    for (let g = 0; g < grid.length; g++) {
      const u = (grid[g] - c) / sigma;
      if (u * u < 80) out[g] += norm * Math.exp(-0.5 * u * u);
    }
  }
  return out;
}
