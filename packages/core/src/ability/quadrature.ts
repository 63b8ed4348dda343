/**
 * Gauss–Hermite quadrature for a standard normal ability distribution: nodes θ_q and weights
 * w_q (summing to 1) such that E[f(θ)] ≈ Σ_q w_q f(θ_q) for θ ~ N(0, 1). Nodes are the roots of
 * the physicists' Hermite polynomial H_n found by Newton's method (Numerical Recipes' `gauher`),
 * scaled by √2; the same rule R's ltm and mirt use.
 */
export interface Quadrature {
  /** Abilities at the nodes, ascending. */
  nodes: Float64Array;
  /** Probability mass at each node (sums to 1). */
  weights: Float64Array;
}

const cache = new Map<number, Quadrature>();

/** The `points`-point Gauss–Hermite rule for N(0, 1) (computed once per size). */
export function gaussHermite(points: number): Quadrature {
  const known = cache.get(points);
  if (known) return known;
  const n = points;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  const PIM4 = 0.7511255444649425; // π^(−1/4)
  let z = 0;
  for (let i = 0; i < m; i++) {
    // Initial guesses for the largest roots, then from the roots already found.
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  // Weights for e^(−x²) sum to √π; θ = √2·x with weights w/√π gives N(0, 1).
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * x[n - 1 - i]!;
    weights[i] = w[n - 1 - i]! / Math.sqrt(Math.PI);
  }
  const rule = { nodes, weights };
  cache.set(points, rule);
  return rule;
}
