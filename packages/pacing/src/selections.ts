import { jsonEqual, type LearnerStore, type Selection } from '@pacekit/core';
import type { Pacer } from './createPacer';
import type { GoalPlan, GoalPlanOptions, SessionPlan, SessionPlanOptions } from './plans/plans';
import type { Recommendation } from './policy/next';
import type { NextOptions } from './policy/options';

/** The pacer's `next()` over a store, memoised: recomputed when the state changes, announced when the list does. */
export function selectNextActivity(
  store: LearnerStore,
  pacer: Pacer,
  options: NextOptions,
): Selection<Recommendation[]> {
  return store.select((state) => pacer.next(state, options), jsonEqual);
}

/** The pacer's `sessionPlan()` over a store, memoised like {@link selectNextActivity}. */
export function selectSessionPlan(
  store: LearnerStore,
  pacer: Pacer,
  options: SessionPlanOptions,
): Selection<SessionPlan> {
  return store.select((state) => pacer.sessionPlan(state, options), jsonEqual);
}

/**
 * The pacer's `goalPlan()` over a store, memoised like {@link selectNextActivity}: null while the
 * learner has no active goal (or not the one asked for), so an app can show "no goal yet".
 */
export function selectGoalPlan(
  store: LearnerStore,
  pacer: Pacer,
  options: GoalPlanOptions,
): Selection<GoalPlan | null> {
  return store.select((state) => {
    const goals = Object.values(state.goals);
    const has = options.goalId === undefined ? goals.length > 0 : goals.some((g) => g.id === options.goalId);
    return has ? pacer.goalPlan(state, options) : null;
  }, jsonEqual);
}
