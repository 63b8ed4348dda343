import { createLearnerStore, type EventInput } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { attempt, bkt, DAY, items, skills, T0 } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { teacherOf } from './teacher';

const pacer = createPacer({ skills, items, bkt });
const override = (id: string, at: number, fields: Record<string, unknown>): EventInput =>
  ({ id, learnerId: 'ada', at, type: 'override', ...fields }) as EventInput;
const top = (events: EventInput[], now: number) =>
  pacer.next(pacer.learner.replay('ada', events), { now })[0]!;

describe('teachers as designers', () => {
  it('an item pin expires after one attempt on it by default, after N when told, or at its time', () => {
    const pin = override('p', T0, { action: 'pin', itemId: 'count-hard' });
    expect(top([pin], T0 + 1).itemId).toBe('count-hard');
    expect(top([pin], T0 + 1).reasons[0]).toEqual({ code: 'teacher-pinned', ref: 'item:count-hard' });
    const once = [pin, attempt('count-hard', true, T0 + 2)];
    expect(top(once, T0 + 3).reasons.some((r) => r.code === 'teacher-pinned')).toBe(false);
    expect(teacherOf(pacer.learner.replay('ada', once)).pins).toEqual([
      { ref: 'item:count-hard', at: T0, expiresAt: null, attemptsLeft: 0 },
    ]);
    const thrice = override('p3', T0, { action: 'pin', itemId: 'count-hard', expiresAfterAttempts: 3 });
    const two = [thrice, attempt('count-hard', true, T0 + 2), attempt('count-hard', false, T0 + 3)];
    expect(top(two, T0 + 4).itemId).toBe('count-hard');
    expect(
      top([...two, attempt('count-hard', true, T0 + 5)], T0 + 6).reasons.some(
        (r) => r.code === 'teacher-pinned',
      ),
    ).toBe(false);
    const dated = override('pd', T0, { action: 'pin', skillId: 'count', expiresAt: T0 + DAY });
    expect(top([dated], T0 + DAY - 1).reasons[0]).toEqual({ code: 'teacher-pinned', ref: 'skill:count' });
    expect(top([dated], T0 + DAY).reasons.some((r) => r.code === 'teacher-pinned')).toBe(false);
  });

  it('a unit to focus on and a sequence shape new learning; notes are kept', () => {
    const base = [
      override('m1', T0, { action: 'mark-mastered', skillId: 'count' }),
      override('m2', T0 + 1, { action: 'mark-mastered', skillId: 'add' }),
    ];
    // Both subtract and multiply are ready; the unit is subtract.
    const unit = [...base, override('f', T0 + 2, { action: 'focus', skillIds: ['subtract'] })];
    const recs = pacer.next(pacer.learner.replay('ada', unit), { now: T0 + 3, limit: 10 });
    expect(recs.filter((r) => r.kind !== 'review').map((r) => r.skillId)).toEqual(['subtract']);
    // A sequence: multiply, then subtract.
    const seq = [...base, override('s', T0 + 2, { action: 'sequence', skillIds: ['multiply', 'subtract'] })];
    expect(top(seq, T0 + 3).skillId).toBe('multiply');
    expect(top(seq, T0 + 3).reasons[0]).toEqual({ code: 'teacher-sequence', step: 1, of: 2 });
    // Cleared by an empty list.
    const cleared = [...seq, override('s2', T0 + 3, { action: 'sequence', skillIds: [] })];
    expect(teacherOf(pacer.learner.replay('ada', cleared)).sequence).toBeNull();
    const noted = [
      ...base,
      override('n', T0 + 2, { action: 'note', note: 'Use the pizza cards', by: 'ms-lee', skillId: 'add' }),
    ];
    expect(teacherOf(pacer.learner.replay('ada', noted)).notes).toEqual([
      { at: T0 + 2, by: 'ms-lee', skillId: 'add', text: 'Use the pizza cards' },
    ]);
    expect(() =>
      pacer.learner.replay('ada', [override('bad', T0, { action: 'focus', skillIds: ['nope'] })]),
    ).toThrow(/nope/);
    expect(() => pacer.learner.replay('ada', [override('bad', T0, { action: 'note' })])).toThrow(
      /note needs a note/,
    );
  });

  it('undo of a mark-mastered or a reset restores the state exactly', async () => {
    const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
    const practice = [
      attempt('count-mid', true, T0),
      attempt('count-mid', false, T0 + 1),
      attempt('add-mid', true, T0 + 3),
    ];
    await store.record(practice[0]!);
    await store.record(practice[1]!);
    await store.record(override('mm', T0 + 2, { action: 'mark-mastered', skillId: 'count' }));
    await store.record(practice[2]!);
    expect(pacer.learner.isMastered(store.getSnapshot(), 'count')).toBe(true);
    // Undone a week later, after other work: as if the teacher had never marked it.
    expect(await store.undo('mm')).toBe(true);
    const never = pacer.learner.replay('ada', practice);
    expect(store.getSnapshot()).toEqual(never);
    await store.record(override('rs', T0 + 4, { action: 'reset', skillId: 'add' }));
    expect(store.getSnapshot()).not.toEqual(never);
    expect(await store.undo('rs')).toBe(true);
    expect(store.getSnapshot()).toEqual(never);
    expect(await store.undo('never-recorded')).toBe(false);
  });
});
