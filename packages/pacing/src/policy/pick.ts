import type { LearnerModelPlugin, LearnerState } from '@pacekit/core';

/** Key of the pick slice in `LearnerState.extensions`. */
export const PICK_KEY = 'pick';

/** The item a learner picked among the options offered them, until they do it (`state.extensions.pick`). */
export interface PickState {
  /** The item picked, or null. */
  itemId: string | null;
  /** When it was picked, or null. */
  at: number | null;
}

const NONE: PickState = Object.freeze({ itemId: null, at: null }) as PickState;

/** What the learner picked and has not done yet (`itemId` null when nothing). */
export function pickOf(state: LearnerState): PickState {
  return (state.extensions[PICK_KEY] as PickState | undefined) ?? NONE;
}

/**
 * The plugin that keeps the learner's pick: a self-report with `pick` records it; an attempt or
 * review of that item fulfils it.
 */
export function createPickPlugin(): LearnerModelPlugin<PickState> {
  return {
    key: PICK_KEY,
    initial: () => ({ itemId: null, at: null }),
    apply: (slice, event) => {
      if (event.type === 'self-report' && event.pick !== undefined)
        return { itemId: event.pick, at: event.at };
      if ((event.type === 'attempt' || event.type === 'review') && event.itemId === slice.itemId)
        return { itemId: null, at: null };
      return slice;
    },
  };
}
