import type { SessionPlan, SessionPlanOptions } from '@pacekit/pacing';
import { useMemo } from 'react';
import { usePacekitContext, usePacer } from './context';
import { jsonEqual } from './equality';
import { useSelection } from './useSelection';

/** A plan for a session of `minutes` (the pacer's `sessionPlan()`), kept up to date. */
export function useSessionPlan(options: SessionPlanOptions): SessionPlan {
  const { store } = usePacekitContext('useSessionPlan');
  const pacer = usePacer('useSessionPlan');
  const key = JSON.stringify(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (key).
  const selection = useMemo(
    () => store.select((state) => pacer.sessionPlan(state, options), jsonEqual),
    [store, pacer, key],
  );
  return useSelection(selection);
}
