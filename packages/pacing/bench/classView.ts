// The class view benchmark: summarizeClass over 1,000 learners × 100 skills (budget ≤ 100 ms median).
import { createRandom, type EventInput, type LearnerState } from '@pacekit/core';
import { createPacer } from '@pacekit/pacing';
import { summarizeClass } from '@pacekit/pacing/class';

const DAY = 86_400_000;

/** Runs the benchmark and returns the markdown for docs/benchmarks.md. */
export function classViewBench(): string[] {
  // Ten strands of ten skills; three items each.
  const skills = Array.from({ length: 100 }, (_, i) => ({
    id: `k${i}`,
    prerequisites: i % 10 > 0 ? [`k${i - 1}`] : [],
  }));
  const items = skills.flatMap((s) => [0, 1, 2].map((j) => ({ id: `${s.id}-${j}`, skills: [s.id] })));
  const pacer = createPacer({ skills, items, bkt: { kind: 'bkt', schemaVersion: 1, skills: {} } });
  const random = createRandom(5);
  const t0 = Date.UTC(2026, 2, 2, 9);
  // 1,000 learners, 60 attempts each over two weeks, some with a goal.
  const states: LearnerState[] = Array.from({ length: 1000 }, (_, l) => {
    const id = `l${l}`;
    const skill = random.int(100);
    const events: EventInput[] = Array.from({ length: 60 }, (_, n) => ({
      id: `${id}-${n}`,
      learnerId: id,
      at: t0 + Math.floor((n / 60) * 14 * DAY),
      type: 'attempt' as const,
      itemId: `k${(skill + Math.floor(n / 6)) % 100}-${n % 3}`,
      correct: random.next() < 0.6,
    }));
    if (l % 5 === 0)
      events.push({
        id: `${id}-goal`,
        learnerId: id,
        at: t0,
        type: 'goal',
        skillIds: ['k9'],
        deadline: t0 + 21 * DAY,
      });
    return pacer.learner.replay(id, events);
  });
  const now = t0 + 14 * DAY;
  for (let i = 0; i < 3; i++) summarizeClass(states, pacer, { now });
  const times: number[] = [];
  let summary = summarizeClass(states, pacer, { now });
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    summary = summarizeClass(states, pacer, { now });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1]!;
  return [
    '',
    '### Class summary: 1,000 learners × 100 skills (budget ≤ 100 ms median)',
    '',
    `\`summarizeClass\` over 1,000 learners (60 attempts each over two weeks, a goal for one in five): median ${median.toFixed(1)} ms, slowest ${times.at(-1)!.toFixed(1)} ms over 15 runs; ${summary.oneOnOne.length} suggested one-on-one, ${summary.groups.length} groups. Budget ${median <= 100 ? 'met' : 'NOT met'}.`,
  ];
}
