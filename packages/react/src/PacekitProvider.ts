import type { LearnerStore } from '@pacekit/core';
import type { Pacer } from '@pacekit/pacing';
import { createElement, type ReactNode, useMemo } from 'react';
import { PacekitContext } from './context';

/** Props of {@link PacekitProvider}. */
export interface PacekitProviderProps {
  /** The learner's store (`createLearnerStore`). */
  store: LearnerStore;
  /** The course's pacer (`createPacer`), for recommendations and plans. */
  pacer?: Pacer;
  /** The app. */
  children?: ReactNode;
}

/**
 * Makes a learner's store (and the course's pacer) available to the Pacekit hooks below it.
 *
 * @example
 * ```tsx
 * <PacekitProvider store={store} pacer={pacer}>
 *   <Practice />
 * </PacekitProvider>
 * ```
 */
export function PacekitProvider({ store, pacer, children }: PacekitProviderProps) {
  const value = useMemo(() => ({ store, pacer }), [store, pacer]);
  return createElement(PacekitContext.Provider, { value }, children);
}
