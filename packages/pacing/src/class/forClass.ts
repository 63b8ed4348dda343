import type { EventInput } from '@pacekit/core';

/** An event for a whole class: every field but the learner. */
export type ClassEventInput = EventInput extends infer E
  ? E extends EventInput
    ? Omit<E, 'learnerId'>
    : never
  : never;

/**
 * One event per learner of a class, for a teacher's decision that applies to all of them (a
 * unit to focus on, a sequence, a goal, a pin, a note): each copy gets the learner's id and an
 * event id of its own (`<id>:<learnerId>`), so recording them twice changes nothing.
 *
 * @example
 * ```ts
 * for (const event of forClass(roster, { id: 'unit-3', at: now, type: 'override', action: 'focus', skillIds: ['fractions'] }))
 *   await stores.get(event.learnerId)!.record(event);
 * ```
 */
export function forClass(learnerIds: readonly string[], event: ClassEventInput): EventInput[] {
  return learnerIds.map(
    (learnerId) => ({ ...event, id: `${event.id}:${learnerId}`, learnerId }) as EventInput,
  );
}
