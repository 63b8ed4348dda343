import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createScheduler, type RecallRating } from './scheduler';

describe('createScheduler', () => {
  it('gives exactly the due dates and states that ts-fsrs gives, for the same ratings and times', () => {
    const scheduler = createScheduler({ desiredRetention: 0.85 });
    const direct = fsrs(generatorParameters({ request_retention: 0.85, enable_fuzz: false }));
    const ratings: RecallRating[] = [
      'good',
      'good',
      'again',
      'hard',
      'good',
      'easy',
      'again',
      'good',
      'good',
      'good',
    ];
    const grades = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
    let now = Date.UTC(2026, 0, 1, 8);
    let ours = scheduler.review(undefined, ratings[0]!, now);
    let theirs = direct.next(createEmptyCard(new Date(now)), new Date(now), grades[ratings[0]!]).card;
    for (const rating of ratings.slice(1)) {
      expect(ours.due).toBe(theirs.due.getTime());
      expect(ours.stability).toBe(theirs.stability);
      expect(ours.difficulty).toBe(theirs.difficulty);
      expect(ours.state).toBe(['new', 'learning', 'review', 'relearning'][theirs.state]);
      expect(ours.reps).toBe(theirs.reps);
      expect(ours.lapses).toBe(theirs.lapses);
      now = Math.max(now + 3_600_000, ours.due);
      expect(scheduler.retrievability(ours, now)).toBe(
        direct.get_retrievability(theirs, new Date(now), false),
      );
      ours = scheduler.review(JSON.parse(JSON.stringify(ours)), rating, now);
      theirs = direct.next(theirs, new Date(now), grades[rating]).card;
    }
    expect(ours.due).toBe(theirs.due.getTime());
  });

  it('gives a retrievability of 0 for a card never reviewed, and falling over time', () => {
    const scheduler = createScheduler();
    const t = Date.UTC(2026, 0, 1);
    expect(scheduler.retrievability(scheduler.newCard(t), t)).toBe(0);
    const card = scheduler.review(scheduler.review(undefined, 'good', t), 'good', t + 86_400_000);
    const soon = scheduler.retrievability(card, card.due - 86_400_000);
    const late = scheduler.retrievability(card, card.due + 10 * 86_400_000);
    expect(soon).toBeGreaterThan(late);
    expect(late).toBeGreaterThan(0);
  });

  it('names a bad option', () => {
    expect(() => createScheduler({ desiredRetention: 1 })).toThrow(/"desiredRetention"/);
  });
});
