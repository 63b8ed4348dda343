import { useMemo } from 'react';
import { usePacekitContext } from './context';
import { useSelection } from './useSelection';

/** A skill's mastery, as `useMastery` gives it. */
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

/**
 * One skill's mastery. The component re-renders only when this skill changes, not when the
 * learner practises another one.
 */
export function useMastery(skillId: string): MasteryView {
  const { store } = usePacekitContext('useMastery');
  const selection = useMemo(
    () =>
      store.select(
        (state): MasteryView => ({
          pMastery: store.learner.mastery(state, skillId),
          mastered: store.learner.isMastered(state, skillId),
          attempts: state.skills[skillId]?.attempts ?? 0,
        }),
        sameMastery,
      ),
    [store, skillId],
  );
  return useSelection(selection);
}
