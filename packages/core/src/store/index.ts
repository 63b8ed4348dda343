export {
  createLearnerStore,
  type LearnerStore,
  type LearnerStoreOptions,
  type Selection,
} from './createLearnerStore';
export { jsonEqual, type MasteryView, selectMastery } from './selections';
export {
  applyChange,
  createMemoryStorage,
  EMPTY_LOG,
  type LearnerStorage,
  type LogChange,
  parseStoredLog,
  type SaveResult,
  type StoredLog,
  StoredLogSchema,
} from './storage';
