import { type GoalPlan, type GoalPlanOptions, selectGoalPlan } from '@pacekit/pacing';
import { useMemo } from 'react';
import { usePacekitContext, usePacer } from './context';
import { useSelection } from './useSelection';

/**
 * The learner's goal plan (`selectGoalPlan`): the skills still to master, new skills per day to
 * the deadline, forecast reviews and whether it is feasible at their pace — null while they have
 * no active goal. Kept up to date as events are recorded.
 */
export function useGoalPlan(options: GoalPlanOptions): GoalPlan | null {
  const { store } = usePacekitContext('useGoalPlan');
  const pacer = usePacer('useGoalPlan');
  const key = JSON.stringify(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (key).
  const selection = useMemo(() => selectGoalPlan(store, pacer, options), [store, pacer, key]);
  return useSelection(selection);
}
