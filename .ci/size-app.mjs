// What an app imports, as the README's examples do (pacing, the store, React hooks, IndexedDB).
// size-limit bundles it with zod and ts-fsrs; React is the app's own.

export { createIndexedDbStorage } from '../packages/core/dist/browser.js';
export { parseEvent } from '../packages/core/dist/index.js';
export { createPacer, describeReason } from '../packages/pacing/dist/index.js';
export {
  createLearnerStore,
  PacekitProvider,
  useMastery,
  useNextActivity,
  useRecord,
} from '../packages/react/dist/index.js';
