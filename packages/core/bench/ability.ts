// Ability and placement figures for `pnpm bench` (imported by bench/index.ts).

import { createRandom, createSkillGraph } from '@pacekit/core';
import {
  calibrateIrt,
  createAdaptiveTest,
  createGraphPlacement,
  createResponseMatrix,
  type ItemBank,
  irtProbability,
} from '@pacekit/core/ability';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Runs the ability benchmarks and returns their markdown. */
export async function abilityBench(): Promise<string[]> {
  const out: string[] = ['', '## @pacekit/core/ability — IRT, CAT and placement', ''];
  const random = createRandom(11);
  const items = Array.from({ length: 50 }, (_, j) => ({
    id: `i${j}`,
    a: 0.7 + random.next(),
    b: random.normal(),
    c: 0,
  }));
  const rows = Array.from({ length: 10_000 }, () => {
    const theta = random.normal();
    return {
      responses: Object.fromEntries(
        items.map((item) => [item.id, random.next() < irtProbability(item, theta) ? 1 : 0]),
      ) as Record<string, 0 | 1>,
    };
  });
  const matrix = createResponseMatrix(
    rows,
    items.map((i) => i.id),
  );
  let iterations = 0;
  const start = performance.now();
  const bank = await calibrateIrt(matrix, { model: '2pl', onProgress: (p) => (iterations = p.done) });
  const seconds = (performance.now() - start) / 1000;
  const worst = bank.items.reduce((w, item, j) => Math.max(w, Math.abs(item.b - items[j]!.b)), 0);
  out.push(
    `- 2PL calibration, 10,000 examinees × 50 items, 21 quadrature points: ${seconds.toFixed(2)} s (${iterations} EM iterations; largest difficulty error ${worst.toFixed(3)}).`,
  );

  const big: ItemBank = {
    kind: 'irt-bank',
    schemaVersion: 1,
    model: '2pl',
    items: Array.from({ length: 1000 }, (_, j) => ({
      id: `q${j}`,
      a: 0.6 + random.next() * 1.4,
      b: random.normal() * 1.5,
      c: 0,
    })),
  };
  const steps: number[] = [];
  for (let run = 0; run < 200; run++) {
    const test = createAdaptiveTest(big, { seTarget: 0.25, maxItems: 30, seed: run });
    const truth = random.normal();
    for (;;) {
      const t = performance.now();
      const item = test.next();
      if (!item) break;
      test.answer(item.id, random.next() < irtProbability(item, truth));
      steps.push(performance.now() - t);
    }
  }
  out.push(
    `- One CAT step (maximum-information selection + EAP update) over a 1,000-item bank: median ${(median(steps) * 1000).toFixed(0)} µs over ${steps.length} steps (budget ≤ 200 µs).`,
  );

  const graph = createSkillGraph(
    Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      prerequisites: [...(i % 6 > 0 ? [`s${i - 1}`] : []), ...(i >= 6 && i % 6 === 0 ? [`s${i - 6}`] : [])],
    })),
  );
  let asked = 0;
  let right = 0;
  let total = 0;
  const runs = 100;
  for (let run = 0; run < runs; run++) {
    const r = createRandom(1000 + run);
    const level = r.next();
    const known = new Set<string>();
    for (const id of graph.topologicalOrder)
      if (graph.prerequisitesOf(id).every((p) => known.has(p.skillId)) && r.next() < level) known.add(id);
    const placement = createGraphPlacement(graph, { seed: run });
    for (let skill = placement.next(); skill; skill = placement.next())
      placement.answer(skill, known.has(skill) ? r.next() >= 0.1 : r.next() < 0.2);
    const result = placement.result();
    asked += result.questions;
    for (const id of graph.topologicalOrder) {
      total++;
      if (result.pMastery[id]! >= 0.5 === known.has(id)) right++;
    }
  }
  out.push(
    `- Skill-graph placement, 30 skills, 100 simulated learners (slip 0.1, guess 0.2): mean ${(asked / runs).toFixed(1)} questions, ${((100 * right) / total).toFixed(1)}% of skills classified correctly.`,
  );
  return out;
}
