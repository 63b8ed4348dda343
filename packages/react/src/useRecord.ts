import type { LearnerStore } from '@pacekit/core';
import { usePacekitContext } from './context';

/**
 * The store's `record`: call it with an event (attempt, review, self-report, goal, override);
 * the hooks update at once, and the promise resolves when the event is persisted.
 */
export function useRecord(): LearnerStore['record'] {
  return usePacekitContext('useRecord').store.record;
}
