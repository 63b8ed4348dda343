import { type NextOptions, type Recommendation, selectNextActivity } from '@pacekit/pacing';
import { useMemo } from 'react';
import { usePacekitContext, usePacer } from './context';
import { useSelection } from './useSelection';

/**
 * What the learner should do next, ranked, with reasons (`selectNextActivity`), recomputed when
 * the learner's state or the options change.
 *
 * @example
 * ```tsx
 * const [first] = useNextActivity({ now, limit: 3 });
 * ```
 */
export function useNextActivity(options: NextOptions): Recommendation[] {
  const { store } = usePacekitContext('useNextActivity');
  const pacer = usePacer('useNextActivity');
  const key = JSON.stringify(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (key).
  const selection = useMemo(() => selectNextActivity(store, pacer, options), [store, pacer, key]);
  return useSelection(selection);
}
