import type { NextOptions, Recommendation } from '@pacekit/pacing';
import { useMemo } from 'react';
import { usePacekitContext, usePacer } from './context';
import { jsonEqual } from './equality';
import { useSelection } from './useSelection';

/**
 * What the learner should do next, ranked, with reasons (the pacer's `next()`), recomputed
 * when the learner's state or the options change.
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
  const selection = useMemo(
    () => store.select((state) => pacer.next(state, options), jsonEqual),
    [store, pacer, key],
  );
  return useSelection(selection);
}
