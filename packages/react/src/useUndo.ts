import type { LearnerStore } from '@pacekit/core';
import { usePacekitContext } from './context';

/**
 * The store's `undo`: with an event id, undoes that event (a teacher's mark-mastered from last
 * week, say) as if it had never happened; without, the last event recorded through this store.
 */
export function useUndo(): LearnerStore['undo'] {
  return usePacekitContext('useUndo').store.undo;
}
