import { type LearnerStore, PacekitError } from '@pacekit/core';
import type { Pacer } from '@pacekit/pacing';
import { createContext, useContext } from 'react';

/** What `<PacekitProvider>` shares with the hooks. */
export interface PacekitContextValue {
  /** The learner's store. */
  store: LearnerStore;
  /** The course's pacer (needed by `useNextActivity` and `useSessionPlan`). */
  pacer?: Pacer | undefined;
}

/** The context the hooks read; use `<PacekitProvider>` rather than this directly. */
export const PacekitContext = createContext<PacekitContextValue | null>(null);

/** The provider's value; throws `MISSING_PROVIDER` naming the hook when there is none. */
export function usePacekitContext(hook: string): PacekitContextValue {
  const value = useContext(PacekitContext);
  if (!value) {
    throw new PacekitError('MISSING_PROVIDER', `${hook}() must be used inside <PacekitProvider store={…}>`, {
      hook,
    });
  }
  return value;
}

/** The pacer from the provider; throws `MISSING_PROVIDER` when the provider was given none. */
export function usePacer(hook: string): Pacer {
  const { pacer } = usePacekitContext(hook);
  if (!pacer)
    throw new PacekitError('MISSING_PROVIDER', `${hook}() needs <PacekitProvider pacer={…}>`, { hook });
  return pacer;
}
