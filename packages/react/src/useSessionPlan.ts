import { type SessionPlan, type SessionPlanOptions, selectSessionPlan } from '@pacekit/pacing';
import { useMemo } from 'react';
import { usePacekitContext, usePacer } from './context';
import { useSelection } from './useSelection';

/** A plan for a session of `minutes` (`selectSessionPlan`), kept up to date. */
export function useSessionPlan(options: SessionPlanOptions): SessionPlan {
  const { store } = usePacekitContext('useSessionPlan');
  const pacer = usePacer('useSessionPlan');
  const key = JSON.stringify(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are compared by value (key).
  const selection = useMemo(() => selectSessionPlan(store, pacer, options), [store, pacer, key]);
  return useSelection(selection);
}
