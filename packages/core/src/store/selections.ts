import { getOwn } from '../validation';
import type { LearnerStore, Selection } from './createLearnerStore';

/** A skill's mastery, as {@link selectMastery} gives it. */
export interface MasteryView {
  /** P(L): the probability the skill is mastered. */
  pMastery: number;
  /** Mastered: P(L) at or above the threshold, or marked by a teacher. */
  mastered: boolean;
  /** Attempts on the skill so far. */
  attempts: number;
}

const sameMastery = (a: MasteryView, b: MasteryView): boolean =>
  a.pMastery === b.pMastery && a.mastered === b.mastered && a.attempts === b.attempts;

/** One skill's mastery as a memoised selection: it announces changes of this skill only. */
export function selectMastery(store: LearnerStore, skillId: string): Selection<MasteryView> {
  return store.select(
    (state) => ({
      pMastery: store.learner.mastery(state, skillId),
      mastered: store.learner.isMastered(state, skillId),
      attempts: getOwn(state.skills, skillId)?.attempts ?? 0,
    }),
    sameMastery,
  );
}

/** Equal when both serialise to the same JSON: for small derived values (recommendations, plans). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
