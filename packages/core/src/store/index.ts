export {
  createLearnerStore,
  type LearnerStore,
  type LearnerStoreOptions,
  type Selection,
} from './createLearnerStore';
export { jsonEqual, type MasteryView, selectMastery } from './selections';
export {
  applyChange,
  type Checkpoint,
  CheckpointSchema,
  createMemoryStorage,
  EMPTY_LOG,
  type EventKey,
  type LearnerStorage,
  type LogChange,
  parseStoredLog,
  parseStoredLogInSlices,
  type SaveResult,
  type StoredLog,
  StoredLogSchema,
} from './storage';
