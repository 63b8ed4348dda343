import type { Selection } from '@pacekit/core';
import { useSyncExternalStore } from 'react';

/** Reads a core selection: re-renders only when its value changes; the same on the server. */
export function useSelection<T>(selection: Selection<T>): T {
  return useSyncExternalStore(selection.subscribe, selection.get, selection.get);
}
