import type { LearnerState } from '@pacekit/core';
import { useMemo } from 'react';
import { usePacekitContext } from './context';
import { useSelection } from './useSelection';

const identity = (state: LearnerState): LearnerState => state;

/**
 * The learner's state, or a slice of it. The component re-renders only when the slice changes
 * (by `isEqual`, default `Object.is`). Pass a stable selector (defined outside the component or
 * memoised) so the selection is created once.
 *
 * @example
 * ```tsx
 * const interests = useLearner((s) => s.interests);
 * ```
 */
export function useLearner<T = LearnerState>(
  selector: (state: LearnerState) => T = identity as (state: LearnerState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const { store } = usePacekitContext('useLearner');
  const selection = useMemo(() => store.select(selector, isEqual), [store, selector, isEqual]);
  return useSelection(selection);
}
