/**
 * Accuracy of the Hessian chapter's trace estimators at equal cost: root-mean-square error over 16
 * seeds of Hutch++ (Meyer, Musco, Musco & Woodruff 2021) and plain Hutchinson with m Hessian-vector
 * products, against the exact trace of the dense f64 Hessian, on trained tanh MLPs (full-batch GD on
 * a Gaussian mixture): the chapter's "bulk and outliers" cell (P = 212), its "edge of stability"
 * cell (P = 916) and a wider one-hidden-layer net (P = 524). An accuracy table, not a timing: no GPU or
 * peer column. tests/unit/hessian/hutchPlusPlus.test.ts asserts the m = 200 rows of the first two.
 * Run: npm run bench -- hessianTrace
 */
import { createMlp, createTrainer, curvatureOperator, gaussianMixture, initMlp } from '../src/geometry/nn';
import { mulberry32 } from '../src/geometry/random';
import { exactSpectrum, hutchinsonTrace, hutchPlusPlusTrace } from '../src/geometry/spectral';

const nets = [
  { name: '"outliers" cell 8-16-4', dim: 8, hidden: 16, depth: 1, k: 4, sep: 4, n: 512, init: 0.5, lr: 0.2, steps: 30 },
  { name: '8-40-4', dim: 8, hidden: 40, depth: 1, k: 4, sep: 4, n: 512, init: 0.5, lr: 0.2, steps: 30 },
  { name: '"edge" cell 8-24-24-4', dim: 8, hidden: 24, depth: 2, k: 4, sep: 3, n: 256, init: 1, lr: 0.5, steps: 300 },
];
const products = [30, 60, 120, 200];
const seeds = 16;
console.log('| net | P | exact tr(H) | m | Hutchinson RMSE | Hutch++ RMSE | ratio |');
console.log('|---|---|---|---|---|---|---|');
for (const c of nets) {
  const data = gaussianMixture({ classes: c.k, dimension: c.dim, separation: c.sep, n: c.n, random: mulberry32(1) });
  const mlp = createMlp([c.dim, ...Array<number>(c.depth).fill(c.hidden), c.k], 'tanh');
  const trainer = createTrainer({ mlp, data, theta: initMlp(mlp, mulberry32(2), c.init), optimizer: 'gd', lr: c.lr, batchSize: 0, weightDecay: 0, random: mulberry32(3) });
  for (let s = 0; s < c.steps; s++) trainer.step();
  const H = curvatureOperator(mlp, trainer.theta, data, 0, 'hessian');
  const exact = exactSpectrum(H).trace;
  for (const m of products) {
    let hutch = 0;
    let hpp = 0;
    for (let s = 0; s < seeds; s++) {
      hutch += (hutchinsonTrace(H, m, mulberry32(100 + s)).estimate - exact) ** 2;
      hpp += (hutchPlusPlusTrace(H, m, mulberry32(100 + s)).estimate - exact) ** 2;
    }
    const a = Math.sqrt(hutch / seeds);
    const b = Math.sqrt(hpp / seeds);
    console.log(`| ${c.name} | ${mlp.paramCount} | ${exact.toFixed(4)} | ${m} | ${a.toFixed(4)} | ${b.toFixed(4)} | ${(a / b).toFixed(1)} |`);
  }
}
