import { type MasteryView, selectMastery } from '@pacekit/core';
import { useMemo } from 'react';
import { usePacekitContext } from './context';
import { useSelection } from './useSelection';

/**
 * One skill's mastery (`selectMastery`). The component re-renders only when this skill changes,
 * not when the learner practises another one.
 */
export function useMastery(skillId: string): MasteryView {
  const { store } = usePacekitContext('useMastery');
  const selection = useMemo(() => selectMastery(store, skillId), [store, skillId]);
  return useSelection(selection);
}
