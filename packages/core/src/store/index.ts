export {
  createLearnerStore,
  type LearnerStore,
  type LearnerStoreOptions,
  type Selection,
} from './createLearnerStore';
export {
  createMemoryStorage,
  EMPTY_LOG,
  type LearnerStorage,
  parseStoredLog,
  type SaveResult,
  type StoredLog,
  StoredLogSchema,
} from './storage';
