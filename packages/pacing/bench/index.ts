// `pnpm bench` for @pacekit/pacing: next() on a large catalogue, and scheduling overhead over
// calling ts-fsrs directly. Prints markdown for docs/benchmarks.md.
import { createRandom, type EventInput, type ItemInput, type SkillInput } from '@pacekit/core';
import { createPacer, createScheduler, type MemoryCard, type RecallRating } from '@pacekit/pacing';
import { type Card, createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { classViewBench } from './classView';
import { fsrsTrainingBench } from './fsrsTraining';
import { simulationBench } from './simulation';

const log = (line = '') => console.log(line);
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// A 1,000-skill course: each skill has up to 3 prerequisites among the 50 before it; 20 items each.
const random = createRandom(7);
const skills: SkillInput[] = Array.from({ length: 1000 }, (_, i) => {
  const prerequisites = new Set<string>();
  for (let k = 0; k < Math.min(i, 1 + random.int(3)); k++)
    prerequisites.add(`s${Math.max(0, i - 1 - random.int(50))}`);
  return { id: `s${i}`, prerequisites: [...prerequisites] };
});
const items: ItemInput[] = skills.flatMap((s) =>
  Array.from({ length: 20 }, (_, j) => ({
    id: `${s.id}-q${j}`,
    skills: [s.id],
    difficulty: random.uniform(-2, 2),
    topics: [['space', 'sport', 'music', 'animals'][j % 4]!],
    modality: j % 5 === 0 ? 'video' : 'practice',
  })),
);
const pacer = createPacer({ skills, items, bkt: { kind: 'bkt', schemaVersion: 1, skills: {} } });
const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

// A learner 60 days in: 300 skills mastered along the way, practice on the next ones, interests, a goal.
const events: EventInput[] = [];
let n = 0;
for (const skillId of pacer.graph.topologicalOrder.slice(0, 300)) {
  const at = t0 + Math.floor((n / 300) * 60 * DAY);
  events.push({ id: `m${n}`, learnerId: 'ada', at, type: 'override', action: 'mark-mastered', skillId });
  events.push({
    id: `a${n}`,
    learnerId: 'ada',
    at: at + 1,
    type: 'attempt',
    itemId: `${skillId}-q${n % 20}`,
    correct: n % 4 !== 0,
  });
  n++;
}
events.push({
  id: 'pref',
  learnerId: 'ada',
  at: t0,
  type: 'self-report',
  interests: ['space'],
  preferredModalities: ['video'],
});
events.push({
  id: 'goal',
  learnerId: 'ada',
  at: t0,
  type: 'goal',
  skillIds: ['s600'],
  deadline: t0 + 90 * DAY,
});
const state = pacer.learner.replay('ada', events);
const now = t0 + 61 * DAY;
for (let i = 0; i < 200; i++) pacer.next(state, { now: now + i * 60_000 });
const times: number[] = [];
let returned = 0;
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  returned += pacer.next(state, { now: now + i * 60_000, limit: 5 }).length;
  times.push(performance.now() - t);
}
const fringe = pacer.graph.outerFringe((id) => pacer.learner.isMastered(state, id)).length;
const due = Object.values(pacer.memory(state).skills).filter((m) => m.card.due <= now).length;
log('## @pacekit/pacing');
log();
log('### `next()` over 20,000 items and 1,000 skills (budget ≤ 1 ms median)');
log();
log(
  `A learner 60 days in (300 skills mastered, ${due} reviews due, ${fringe} skills on the outer fringe, interests and a goal): median ${(median(times) * 1000).toFixed(0)} µs, p90 ${(times.sort((a, b) => a - b)[Math.floor(times.length * 0.9)]! * 1000).toFixed(0)} µs over 2,000 calls (limit 5; ${returned / 2000} recommendations each).`,
);

// Scheduling overhead: the same 20-review histories through Pacekit's scheduler and through ts-fsrs.
const scheduler = createScheduler();
const engine = fsrs(generatorParameters({ enable_fuzz: false }));
const ratings: RecallRating[] = [
  'good',
  'good',
  'again',
  'good',
  'hard',
  'good',
  'easy',
  'good',
  'again',
  'good',
];
const grades = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
const ours: number[] = [];
const theirs: number[] = [];
for (let round = 0; round < 300; round++) {
  let t = performance.now();
  for (let k = 0; k < 50; k++) {
    let card: MemoryCard | undefined;
    let at = t0;
    for (let r = 0; r < 20; r++) {
      card = scheduler.review(card, ratings[(r + k) % ratings.length]!, at);
      at = Math.max(at + 3_600_000, card.due);
    }
  }
  ours.push(performance.now() - t);
  t = performance.now();
  for (let k = 0; k < 50; k++) {
    let card: Card = createEmptyCard(new Date(t0));
    let at = t0;
    for (let r = 0; r < 20; r++) {
      card = engine.next(card, new Date(at), grades[ratings[(r + k) % ratings.length]!]).card;
      at = Math.max(at + 3_600_000, card.due.getTime());
    }
  }
  theirs.push(performance.now() - t);
}
log();
log('### Scheduling overhead over ts-fsrs (budget ≤ 1.2×)');
log();
log(
  // A round is 1,000 reviews, so its median in ms is the time per review in µs.
  `1,000 reviews (50 cards × 20 reviews) per round, 300 rounds: Pacekit ${median(ours).toFixed(2)} µs per review, ts-fsrs directly ${median(theirs).toFixed(2)} µs per review: ${(median(ours) / median(theirs)).toFixed(2)}×.`,
);

for (const line of classViewBench()) log(line);
for (const line of await simulationBench()) log(line);
for (const line of await fsrsTrainingBench()) log(line);
